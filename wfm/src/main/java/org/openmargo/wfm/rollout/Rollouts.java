package org.openmargo.wfm.rollout;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.openmargo.wfm.catalogue.AppVersion;
import org.openmargo.wfm.catalogue.Catalogue;
import org.openmargo.wfm.fleet.FleetRows;
import org.openmargo.wfm.fleet.Intent;
import org.openmargo.wfm.fleet.Member;
import org.openmargo.wfm.fleet.ReconcileQueue;
import org.openmargo.wfm.presence.Presence;
import org.openmargo.wfm.problem.FieldError;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;
import org.openmargo.wfm.transaction.Transactions;

/**
 * Staged rollouts: the operator's commands (start, pause, resume, cancel, roll back, exclude a device), the progress
 * read, and {@link #advance}, the one step the {@link RolloutEngine} runs. Every command and every step runs in one
 * transaction that first locks the rollout row ({@code SELECT ... FOR UPDATE}), so that two WFM instances, or an
 * operator and the engine, never act on one rollout at once; moving devices only changes their fleet members'
 * versions, and the {@link ReconcileQueue} then writes each client's desired state (one manifest version per client).
 * Manifest versions only ever go up: a rollback is a new rollout to the earlier version. Thread safe.
 */
public final class Rollouts {
    private final Transactions transactions;
    private final RolloutRows rows;
    private final FleetRows fleet;
    private final Catalogue catalogue;
    private final ReconcileQueue queue;
    private final Presence presence;
    private final Clock clock;
    private final Duration staleAfter;

    public Rollouts(Transactions transactions, RolloutRows rows, FleetRows fleet, Catalogue catalogue,
                    ReconcileQueue queue, Presence presence, Clock clock, Duration staleAfter) {
        this.transactions = transactions;
        this.rows = rows;
        this.fleet = fleet;
        this.catalogue = catalogue;
        this.queue = queue;
        this.presence = presence;
        this.clock = clock;
        this.staleAfter = staleAfter;
    }

    /**
     * What an operator asks for.
     *
     * @param intentId         the fleet deployment
     * @param toVersion        the version to move to
     * @param waves            wave sizes
     * @param successThreshold see {@link Rollout#successThreshold}
     * @param errorThreshold   see {@link Rollout#errorThreshold}
     * @param waveTimeout      see {@link Rollout#waveTimeout}
     */
    public record Request(String intentId, String toVersion, List<WaveSize> waves, double successThreshold,
                          double errorThreshold, Duration waveTimeout) {
    }

    /**
     * Starts a rollout of every member of the fleet deployment that does not run {@code toVersion} (held members of
     * a staged fleet deployment included: a first rollout, from {@link Rollout#NONE}); its first wave starts at once.
     *
     * @throws ProblemException 404 no such fleet deployment; 409 another rollout of it is active; 422 the version is
     *                          not imported, the parameters do not fit it, no device would move, or a bad value
     */
    public Rollout start(Request request, String actor) {
        return transactions.inTransaction("starting a rollout", () -> start(request, actor, Optional.empty(),
                Optional.empty()));
    }

    /**
     * @param rollbackOf the rollout this one reverses
     * @param from       the version the devices move from, when it is not the fleet deployment's (a rollback of a
     *                   rollout that did not complete moves devices back from its target)
     */
    private Rollout start(Request request, String actor, Optional<String> rollbackOf, Optional<String> from) {
        boolean toNone = request.toVersion() != null && request.toVersion().equals(Rollout.NONE)
                && rollbackOf.isPresent();
        check(request, toNone);
        Intent intent = fleet.lockIntent(request.intentId()).filter(i -> !i.deleted()).orElseThrow(
                () -> new ProblemException(ProblemType.NOT_FOUND, "There is no fleet deployment with that id."));
        // Under the intent's row lock: of two concurrent starts, the second sees the first's committed row.
        fleet.activeRollout(intent.id()).ifPresent(active -> {
            throw new ProblemException(ProblemType.CONFLICT, "Rollout " + active + " of this fleet deployment is "
                    + "active; cancel it first.");
        });
        AppVersion to = toNone ? intent.app() : new AppVersion(intent.app().appId(), request.toVersion());
        String fromVersion = from.orElse(intent.staged() ? Rollout.NONE : intent.app().version());
        if (!toNone) {
            if (!catalogue.exists(to)) {
                throw new ProblemException(ProblemType.SEMANTIC_ERROR, "application version " + to
                        + " is not in the catalogue", List.of(new FieldError("toVersion", "not imported")));
            }
            // The values the devices carry now are the "installed before" of an immutable setting (rc.3 f.2).
            catalogue.resolve(to, intent.parameters(), fromVersion.equals(Rollout.NONE) ? Map.of()
                    : installed(intent, fromVersion));
        }
        List<Member> moving = fleet.membersOf(intent.id()).stream().filter(m -> toNone
                ? m.placement() != Member.Placement.HELD
                : m.placement() == Member.Placement.HELD || !m.version().equals(request.toVersion())).toList();
        if (moving.isEmpty()) {
            throw new ProblemException(ProblemType.SEMANTIC_ERROR, "every device of the fleet deployment already "
                    + "runs " + (toNone ? "nothing" : to), List.of(new FieldError("toVersion", "nothing to roll out")));
        }
        Rollout rollout = new Rollout(UUID.randomUUID().toString(), intent.id(), fromVersion,
                request.toVersion(), request.waves(), request.successThreshold(), request.errorThreshold(),
                request.waveTimeout(), Rollout.State.RUNNING, 0, clock.instant(), Optional.empty(), rollbackOf,
                actor, clock.instant());
        rows.insert(rollout);
        int[] wave = WaveSize.assign(request.waves(), moving.size());
        for (int i = 0; i < moving.size(); i++) {
            rows.insertDevice(rollout.id(), moving.get(i).clientId(), moving.get(i).deviceId(), wave[i]);
        }
        startWave(rollout, 0);
        return rollout;
    }

    /** The values the members of {@code intent} on {@code version} carry; empty when they cannot be resolved. */
    private Map<String, jakarta.json.JsonValue> installed(Intent intent, String version) {
        try {
            return catalogue.resolve(new AppVersion(intent.app().appId(), version), intent.parameters(), Map.of())
                    .values();
        } catch (ProblemException e) {
            return Map.of();
        }
    }

    /** Pauses a running rollout. @throws ProblemException 404, or 409 when it is not running */
    public Rollout pause(String rolloutId) {
        return change(rolloutId, "pausing a rollout", r -> {
            require(r, Rollout.State.RUNNING);
            return r.with(Rollout.State.PAUSED, r.currentWave(), r.waveStartedAt(), Optional.of("paused by an operator"));
        });
    }

    /** Resumes a paused rollout; its current wave's timeout starts again. @throws ProblemException 404, 409 */
    public Rollout resume(String rolloutId) {
        return change(rolloutId, "resuming a rollout", r -> {
            require(r, Rollout.State.PAUSED);
            return r.with(Rollout.State.RUNNING, r.currentWave(), clock.instant(), Optional.empty());
        });
    }

    /**
     * Cancels an active rollout: no further wave starts; devices already moved keep the new version (roll back to
     * move them back). @throws ProblemException 404, 409
     */
    public Rollout cancel(String rolloutId) {
        return change(rolloutId, "cancelling a rollout", r -> {
            if (!r.state().active()) {
                throw conflict(r);
            }
            return r.with(Rollout.State.CANCELLED, r.currentWave(), r.waveStartedAt(),
                    Optional.of("cancelled by an operator"));
        });
    }

    /**
     * Rolls back: cancels the rollout when it is active, then starts a new rollout to its {@code fromVersion} with the
     * same waves and thresholds, over every member that does not run that version.
     *
     * @return the new rollout
     */
    public Rollout rollback(String rolloutId, String actor) {
        return transactions.inTransaction("rolling back a rollout", () -> {
            Rollout r = locked(rolloutId);
            if (r.state().active()) {
                rows.update(r.with(Rollout.State.CANCELLED, r.currentWave(), r.waveStartedAt(),
                        Optional.of("rolled back")));
            }
            return start(new Request(r.intentId(), r.fromVersion(), r.waves(), r.successThreshold(),
                    r.errorThreshold(), r.waveTimeout()), actor, Optional.of(r.id()), Optional.of(r.toVersion()));
        });
    }

    /**
     * Excludes a device from an active rollout: it no longer counts for the thresholds and no later wave moves it;
     * the device itself keeps what it has (a later rollout or rollback includes it again).
     *
     * @throws ProblemException 404 no such rollout or device in it; 409 the rollout is not active
     */
    public void exclude(String rolloutId, String clientId, String deviceId) {
        transactions.inTransaction("excluding a device from a rollout", () -> {
            Rollout r = locked(rolloutId);
            if (!r.state().active()) {
                throw conflict(r);
            }
            if (!rows.exclude(rolloutId, clientId, deviceId)) {
                throw new ProblemException(ProblemType.NOT_FOUND, "The rollout has no device " + deviceId
                        + " of client " + clientId + ".");
            }
            return null;
        });
    }

    /** Every rollout, newest first. */
    public List<Rollout> list() {
        return rows.all();
    }

    /** @throws ProblemException 404 when there is no such rollout */
    public Progress progress(String rolloutId) {
        Rollout r = rows.rollout(rolloutId).orElseThrow(Rollouts::notFound);
        return Progress.of(r, devices(r));
    }

    /**
     * One engine step for a running rollout: pause it when the failures of its started waves exceed the error
     * threshold; start the next wave (or complete) when the success threshold is reached; pause it when the wave
     * timed out. Does nothing to a rollout that is not running.
     *
     * @return the rollout after the step
     */
    Optional<Rollout> advance(String rolloutId) {
        return transactions.inTransaction("advancing a rollout", () -> {
            Optional<Rollout> locked = rows.lock(rolloutId);
            if (locked.isEmpty() || locked.get().state() != Rollout.State.RUNNING) {
                return locked;
            }
            Rollout r = locked.get();
            Progress.Tally tally = Progress.Tally.of(r, devices(r));
            Rollout next = r;
            if (tally.tooManyFailures(r.errorThreshold())) {
                next = r.with(Rollout.State.PAUSED, r.currentWave(), r.waveStartedAt(), Optional.of(
                        "error threshold exceeded: " + tally.failed() + " of " + tally.counted()
                                + " devices failed or are not placeable"));
            } else if (tally.succeeded(r.successThreshold())) {
                next = r.currentWave() == r.waves().size() - 1 ? complete(r) : startWave(r, r.currentWave() + 1);
            } else if (r.waveStartedAt().plus(r.waveTimeout()).isBefore(clock.instant())) {
                next = r.with(Rollout.State.PAUSED, r.currentWave(), r.waveStartedAt(), Optional.of("wave "
                        + r.currentWave() + " timed out after " + r.waveTimeout() + ": " + tally.installed() + " of "
                        + tally.counted() + " installed"));
            }
            if (next != r) {
                rows.update(next);
            }
            return Optional.of(next);
        });
    }

    private List<DeviceProgress> devices(Rollout r) {
        return rows.devices(r.id(), r.intentId()).stream()
                .map(d -> DeviceProgress.of(d, r.toVersion(), r.currentWave(), presence, staleAfter)).toList();
    }

    /** Moves the members of wave {@code wave} (not excluded) to the target version. */
    private Rollout startWave(Rollout r, int wave) {
        Map<String, Member> members = new HashMap<>();
        fleet.membersOf(r.intentId()).forEach(m -> members.put(m.clientId() + "\n" + m.deviceId(), m));
        Set<String> clients = new LinkedHashSet<>();
        for (RolloutRows.DeviceRow d : rows.devices(r.id(), r.intentId())) {
            Member m = members.get(d.clientId() + "\n" + d.deviceId());
            if (d.wave() == wave && !d.excluded() && m != null && move(m, r.toVersion())) {
                clients.add(m.clientId());
            }
        }
        transactions.afterCommit(() -> clients.forEach(c -> queue.client(c, false)));
        return r.with(Rollout.State.RUNNING, wave, clock.instant(), Optional.empty());
    }

    /**
     * Moves a member to {@code version} ({@link Rollout#NONE}: holds it, so that it loses the deployment).
     *
     * @return whether it changed
     */
    private boolean move(Member m, String version) {
        boolean none = version.equals(Rollout.NONE);
        if (none ? m.placement() == Member.Placement.HELD
                : m.placement() != Member.Placement.HELD && m.version().equals(version)) {
            return false;
        }
        fleet.putMember(none ? m.held() : m.movedTo(version));
        return true;
    }

    /**
     * The last wave succeeded: the fleet deployment's version becomes the target for new members too (a rollout to
     * {@link Rollout#NONE} leaves the fleet deployment staged: new members get nothing).
     */
    private Rollout complete(Rollout r) {
        Intent intent = fleet.lockIntent(r.intentId()).orElseThrow();
        fleet.updateIntent(r.toVersion().equals(Rollout.NONE) ? intent.withStaged(true)
                : intent.withApp(new AppVersion(intent.app().appId(), r.toVersion())).withStaged(false));
        Set<String> excluded = new LinkedHashSet<>();
        List<String> clients = new ArrayList<>();
        rows.devices(r.id(), r.intentId()).stream().filter(RolloutRows.DeviceRow::excluded)
                .forEach(d -> excluded.add(d.clientId() + "\n" + d.deviceId()));
        for (Member m : fleet.membersOf(r.intentId())) {
            if (!excluded.contains(m.clientId() + "\n" + m.deviceId()) && move(m, r.toVersion())) {
                clients.add(m.clientId());
            }
        }
        transactions.afterCommit(() -> clients.forEach(c -> queue.client(c, false)));
        return r.with(Rollout.State.COMPLETED, r.currentWave(), r.waveStartedAt(), Optional.of("every wave reached "
                + "its success threshold"));
    }

    private Rollout change(String rolloutId, String operation, java.util.function.UnaryOperator<Rollout> step) {
        return transactions.inTransaction(operation, () -> {
            Rollout next = step.apply(locked(rolloutId));
            rows.update(next);
            return next;
        });
    }

    private Rollout locked(String rolloutId) {
        return rows.lock(rolloutId).orElseThrow(Rollouts::notFound);
    }

    private static void require(Rollout r, Rollout.State state) {
        if (r.state() != state) {
            throw conflict(r);
        }
    }

    private static ProblemException conflict(Rollout r) {
        return new ProblemException(ProblemType.CONFLICT, "The rollout is " + r.state().name().toLowerCase(
                java.util.Locale.ROOT) + ".");
    }

    private static ProblemException notFound() {
        return new ProblemException(ProblemType.NOT_FOUND, "There is no rollout with that id.");
    }

    private static void check(Request r, boolean toNone) {
        List<FieldError> errors = new ArrayList<>();
        if (!(r.successThreshold() > 0 && r.successThreshold() <= 1)) {
            errors.add(new FieldError("successThreshold", "must be in (0, 1]"));
        }
        if (!(r.errorThreshold() >= 0 && r.errorThreshold() < 1)) {
            errors.add(new FieldError("errorThreshold", "must be in [0, 1)"));
        }
        if (r.waveTimeout().isNegative() || r.waveTimeout().isZero() || r.waveTimeout().toDays() > 30) {
            errors.add(new FieldError("waveTimeout", "must be a duration from PT1S to P30D"));
        }
        if (!toNone && (r.toVersion() == null || r.toVersion().isBlank() || r.toVersion().length() > 128)) {
            errors.add(new FieldError("toVersion", "must be a version of the application"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.SEMANTIC_ERROR, "the rollout is invalid", errors);
        }
    }
}

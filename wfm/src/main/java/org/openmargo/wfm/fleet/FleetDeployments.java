package org.openmargo.wfm.fleet;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.json.JsonValue;
import org.openmargo.wfm.catalogue.AppVersion;
import org.openmargo.wfm.catalogue.Catalogue;
import org.openmargo.wfm.catalogue.ProfileChoice;
import org.openmargo.wfm.problem.FieldError;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;
import org.openmargo.wfm.transaction.Transactions;

/**
 * The rules of fleet deployments (intents): what may be created, changed and deleted. Each change is one transaction
 * (joining the caller's, so that an audit entry commits with it) and asks the {@link ReconcileQueue} to bring the
 * clients in line once it commits. Thread safe.
 */
public final class FleetDeployments {
    private final Transactions transactions;
    private final FleetRows rows;
    private final Catalogue catalogue;
    private final ReconcileQueue queue;
    private final Clock clock;

    public FleetDeployments(Transactions transactions, FleetRows rows, Catalogue catalogue, ReconcileQueue queue,
                            Clock clock) {
        this.transactions = transactions;
        this.rows = rows;
        this.catalogue = catalogue;
        this.queue = queue;
        this.clock = clock;
    }

    /**
     * What an operator asks for.
     *
     * @param profileId  a fixed profile, or empty for the first profile whose type the device supports
     * @param parameters values by parameter name; the rest come from the description's defaults
     * @param staged     on create: members get nothing until a rollout moves them (a first rollout); ignored by
     *                   {@link #update}
     */
    public record Request(String name, String namespace, AppVersion app, Optional<String> profileId,
                          Map<String, JsonValue> parameters, Selector selector, boolean removeOnMismatch,
                          boolean staged) {
        /** A request that is not staged. */
        public Request(String name, String namespace, AppVersion app, Optional<String> profileId,
                       Map<String, JsonValue> parameters, Selector selector, boolean removeOnMismatch) {
            this(name, namespace, app, profileId, parameters, selector, removeOnMismatch, false);
        }
    }

    /**
     * Creates an intent after checking the name, the application version, the profile and the parameter values.
     *
     * @throws ProblemException 422 naming the fields at fault; 409 when the name is taken
     */
    public Intent create(Request request, String actor) {
        checkName(request);
        return transactions.inTransaction("creating a fleet deployment", () -> {
            validate(request, Map.of());
            if (rows.intents().stream().anyMatch(i -> i.name().equals(request.name()))) {
                throw new ProblemException(ProblemType.CONFLICT, "A fleet deployment named " + request.name()
                        + " exists already.");
            }
            Intent intent = new Intent(UUID.randomUUID().toString(), request.name(), request.namespace(),
                    request.app(), choice(request.profileId()), request.parameters(), request.selector(),
                    request.removeOnMismatch(), false, actor, clock.instant(), request.staged());
            rows.insertIntent(intent);
            transactions.afterCommit(() -> queue.everything(false));
            return intent;
        });
    }

    /**
     * Replaces the selector, parameters, profile, flag and (unstaged: every member at once) the version of an intent.
     * Members are rendered again.
     *
     * @throws ProblemException 404 when there is no such intent; 422 as {@link #create}; 409 naming the rollout when
     *                          the version changes while a rollout of the intent is active (other changes are fine)
     */
    public Intent update(String intentId, Request request) {
        checkName(request);
        return transactions.inTransaction("changing a fleet deployment", () -> {
            Intent old = live(rows.lockIntent(intentId));
            if (!old.name().equals(request.name()) || !old.namespace().equals(request.namespace())
                    || !old.app().appId().equals(request.app().appId())) {
                throw new ProblemException(ProblemType.SEMANTIC_ERROR, "name, namespace and application cannot "
                        + "change; create another fleet deployment");
            }
            if (!old.app().equals(request.app())) {
                rows.activeRollout(intentId).ifPresent(r -> {
                    throw new ProblemException(ProblemType.CONFLICT, "Rollout " + r + " of this fleet deployment "
                            + "is active; a version change now would race it. Cancel or roll it back first.");
                });
            }
            // What the members carry now is the "installed before" of an immutable setting (rc.3 f.2).
            validate(request, catalogue.resolve(old.app(), old.parameters(), Map.of()).values());
            Intent next = new Intent(old.id(), old.name(), old.namespace(), request.app(),
                    choice(request.profileId()), request.parameters(), request.selector(),
                    request.removeOnMismatch(), false, old.createdBy(), old.createdAt(), old.staged());
            rows.updateIntent(next);
            if (!old.app().equals(request.app())) {
                for (Member m : rows.membersOf(intentId)) {
                    rows.putMember(m.withVersion(request.app().version()));
                }
            }
            transactions.afterCommit(() -> queue.everything(true));
            return next;
        });
    }

    /**
     * Deletes an intent: every member's deployment is removed by the reconciler, then the row goes.
     *
     * @throws ProblemException 404 when there is no such intent
     */
    public void delete(String intentId) {
        transactions.inTransaction("deleting a fleet deployment", () -> {
            Intent old = live(rows.lockIntent(intentId));
            rows.updateIntent(new Intent(old.id(), old.name(), old.namespace(), old.app(), old.profile(),
                    old.parameters(), old.selector(), old.removeOnMismatch(), true, old.createdBy(),
                    old.createdAt(), old.staged()));
            transactions.afterCommit(() -> queue.everything(false));
            return null;
        });
    }

    /** Every intent that is not deleted, ordered by name. */
    public List<Intent> list() {
        return rows.intents().stream().filter(i -> !i.deleted()).toList();
    }

    /** @throws ProblemException 404 when there is no such (undeleted) intent */
    public Intent get(String intentId) {
        return live(rows.intent(intentId));
    }

    /** The members of an intent, ordered by client then device. */
    public List<Member> members(String intentId) {
        return rows.membersOf(intentId);
    }

    private static Intent live(Optional<Intent> intent) {
        return intent.filter(i -> !i.deleted()).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "There is no fleet deployment with that id."));
    }

    private void validate(Request request, Map<String, JsonValue> before) {
        if (!catalogue.exists(request.app())) {
            throw new ProblemException(ProblemType.SEMANTIC_ERROR, "application version " + request.app()
                    + " is not in the catalogue", List.of(new FieldError("version", "not imported")));
        }
        request.profileId().ifPresent(p -> {
            if (!catalogue.profileIds(request.app()).orElse(List.of()).contains(p)) {
                throw new ProblemException(ProblemType.SEMANTIC_ERROR, "profile " + p + " is not a deployment "
                        + "profile of " + request.app(), List.of(new FieldError("profile", "no such profile")));
            }
        });
        catalogue.resolve(request.app(), request.parameters(), before);
    }

    private static void checkName(Request request) {
        List<FieldError> errors = new java.util.ArrayList<>();
        if (request.name() == null || !Intent.NAME.matcher(request.name()).matches()) {
            errors.add(new FieldError("name", "must be a lower-case DNS label (a-z, 0-9, '-', at most 63)"));
        }
        if (request.namespace() == null || !Intent.NAME.matcher(request.namespace()).matches()) {
            errors.add(new FieldError("namespace", "must be a lower-case DNS label (a-z, 0-9, '-', at most 63)"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.SEMANTIC_ERROR, "the fleet deployment is invalid", errors);
        }
    }

    private static ProfileChoice choice(Optional<String> profileId) {
        return profileId.<ProfileChoice>map(ProfileChoice.ById::new).orElseGet(ProfileChoice.AnySupported::new);
    }
}

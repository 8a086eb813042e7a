package org.openmargo.wfm.fleet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.openmargo.wfm.catalogue.AppVersion;
import org.openmargo.wfm.catalogue.Catalogue;
import org.openmargo.wfm.catalogue.DeviceFacts;
import org.openmargo.wfm.catalogue.Placement;
import org.openmargo.wfm.catalogue.ResolvedParameters;
import org.openmargo.wfm.desiredstate.DeploymentValidator;
import org.openmargo.wfm.desiredstate.ManifestCache;
import org.openmargo.wfm.desiredstate.ValidatedDeployment;
import org.openmargo.wfm.device.DeviceStore;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.transaction.Transactions;

/**
 * The one place that decides what each client's desired state holds for the fleet deployments: for every intent and
 * every device of the client it decides membership (the {@link Selector} over {@link DeviceLabels}), renders the
 * member's version through the {@link Catalogue} when needed, and writes all of that client's deployment changes and
 * member rows in ONE transaction with at most one new manifest version ({@link ManifestCache#apply}).
 *
 * <p>Membership rule: a device that matches gets the intent's current version as a new member; a device that stops
 * matching loses its deployment when the intent says {@code removeOnMismatch}, and otherwise stays a member (sticky:
 * it keeps the deployment and follows later rollouts until the intent is deleted). An unregistered device, and every
 * member of a deleted intent, loses its deployment. A new member of a staged intent is HELD: it gets nothing, and a
 * held member that had a deployment (moved back to no version by a rollback) loses it. Rendering happens for a new member, a member whose version changed (a rollout), and, when asked, for every
 * member (capabilities or parameters changed); identical bytes change nothing, so a re-render never bumps a manifest
 * in vain. Thread safe: the client's manifest row lock, taken first, serialises two reconciles of one client.
 */
public final class Reconciler {
    private static final Logger LOG = Logger.getLogger(Reconciler.class.getName());

    private final Transactions transactions;
    private final FleetRows rows;
    private final DeviceStore devices;
    private final Catalogue catalogue;
    private final ManifestCache desiredState;

    public Reconciler(Transactions transactions, FleetRows rows, DeviceStore devices, Catalogue catalogue,
                      ManifestCache desiredState) {
        this.transactions = transactions;
        this.rows = rows;
        this.devices = devices;
        this.catalogue = catalogue;
        this.desiredState = desiredState;
    }

    /**
     * Brings one client in line with the intents.
     *
     * @param rerender render every member again, not only new and moved ones
     * @return the client's new manifest version, or empty when nothing changed
     */
    public Optional<Long> client(String clientId, boolean rerender) {
        return transactions.inTransaction("reconciling a client's fleet deployments", () -> {
            // The manifest row lock first, as every desired-state change does: reconciles of one client queue here.
            desiredState.lock(clientId);
            return new Pass(clientId, rerender).run();
        });
    }

    /**
     * Reconciles every client that has a device or a member (the periodic sweep), each in its own transaction, then
     * deletes the rows of deleted intents that have no member left. A failure of one client is logged and the sweep
     * goes on.
     *
     * @return how many clients got a new manifest version
     */
    public int everything(boolean rerender) {
        Set<String> clients = new LinkedHashSet<>(devices.clients());
        clients.addAll(rows.memberClients());
        int changed = 0;
        for (String clientId : clients) {
            try {
                changed += client(clientId, rerender).isPresent() ? 1 : 0;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "reconciling client " + clientId + " failed; the next sweep retries", e);
            }
        }
        for (Intent intent : rows.intents()) {
            if (intent.deleted() && rows.membersOf(intent.id()).isEmpty()) {
                transactions.inTransaction("clearing a deleted fleet deployment", () -> {
                    rows.deleteIntent(intent.id());
                    return null;
                });
            }
        }
        return changed;
    }

    /** One reconcile of one client, inside its transaction. */
    private final class Pass {
        private final String clientId;
        private final boolean rerender;
        private final List<ValidatedDeployment> puts = new ArrayList<>();
        private final List<String> removals = new ArrayList<>();
        private final Map<String, ResolvedParameters> resolved = new HashMap<>();

        Pass(String clientId, boolean rerender) {
            this.clientId = clientId;
            this.rerender = rerender;
        }

        Optional<Long> run() {
            Map<String, String> operatorLabels = rows.labels(clientId);
            Map<String, Member> members = new HashMap<>();
            for (Member m : rows.members(clientId)) {
                members.put(m.intentId() + "\n" + m.deviceId(), m);
            }
            List<DeviceStore.Device> known = devices.devices(clientId);
            for (Intent intent : rows.intents()) {
                for (DeviceStore.Device device : known) {
                    Member m = members.remove(intent.id() + "\n" + device.deviceId());
                    boolean matches = !intent.deleted() && intent.selector().matches(clientId,
                            device.deviceId(), DeviceLabels.of(device.capabilities(), operatorLabels));
                    if (matches) {
                        place(intent, device, m);
                    } else if (m != null && (intent.deleted() || intent.removeOnMismatch())) {
                        remove(m);
                    } else if (m != null) {
                        place(intent, device, m); // sticky membership: it still follows the fleet deployment
                    }
                }
            }
            // Members whose device is unregistered: nothing can run the deployment any more, whatever the flag.
            members.values().forEach(this::remove);
            return desiredState.apply(clientId, puts, removals);
        }

        private void remove(Member m) {
            removals.add(m.deploymentId());
            rows.deleteMember(m.intentId(), clientId, m.deviceId());
        }

        private void place(Intent intent, DeviceStore.Device device, Member existing) {
            Member m = existing != null ? existing : new Member(intent.id(), clientId, device.deviceId(),
                    UUID.randomUUID().toString(), intent.app().version(), Optional.empty(),
                    intent.staged() ? Member.Placement.HELD : Member.Placement.PLACED, Optional.empty());
            if (m.placement() == Member.Placement.HELD) {
                // Held: nothing in the desired state; a deployment it had (moved back to no version) is removed.
                if (m.applied().isPresent()) {
                    removals.add(m.deploymentId());
                    m = m.withoutApplied();
                }
                if (!m.equals(existing)) {
                    rows.putMember(m);
                }
                return;
            }
            boolean due = existing == null || rerender || m.behind()
                    || m.placement() == Member.Placement.NOT_PLACEABLE;
            if (!due) {
                return;
            }
            Member next = render(intent, device, m);
            if (!next.equals(existing)) {
                rows.putMember(next);
            }
        }

        private Member render(Intent intent, DeviceStore.Device device, Member m) {
            AppVersion app = new AppVersion(intent.app().appId(), m.version());
            Placement placement;
            try {
                ResolvedParameters parameters = resolved.computeIfAbsent(intent.id() + "\n" + m.version(),
                        k -> catalogue.resolve(app, intent.parameters(), Map.of()));
                placement = catalogue.render(app, intent.profile(), parameters,
                        new DeviceFacts(clientId, device.deviceId(), Optional.of(device.capabilities())),
                        UUID.fromString(m.deploymentId()), intent.namespace(), intent.name());
            } catch (ProblemException e) {
                placement = new Placement.NotPlaceable(e.detail());
            }
            return switch (placement) {
                case Placement.Placed p -> placed(m, p);
                case Placement.NotPlaceable n -> {
                    if (m.applied().isPresent() && intent.removeOnMismatch()) {
                        removals.add(m.deploymentId());
                        yield m.notPlaceable(n.reason(), false);
                    }
                    yield m.notPlaceable(n.reason(), true);
                }
            };
        }

        private Member placed(Member m, Placement.Placed p) {
            try {
                puts.add(DeploymentValidator.validate(p.yaml()));
                return m.placed(m.version());
            } catch (ProblemException e) {
                // The catalogue's rendering must pass the device API's own rules; if not, nothing is served.
                LOG.warning(() -> "rendered deployment " + m.deploymentId() + " breaks the f.1 rules: " + e.detail()
                        + " " + e.errors());
                return m.notPlaceable("the rendered deployment breaks the ApplicationDeployment rules: "
                        + e.detail(), true);
            }
        }
    }
}

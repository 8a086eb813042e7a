package org.openmargo.agent.observe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

import org.openmargo.agent.schedule.WakeUp;
import org.openmargo.agent.state.AgentState;
import org.openmargo.agent.state.ComponentState;
import org.openmargo.agent.state.ComponentStatus;

/**
 * What the agent knew at the end of one pass: the facts {@code agent status} prints and the Prometheus textfile
 * exports. Immutable.
 *
 * @param writtenAt          when the pass that wrote it ended
 * @param deviceId           the device's id ({@code device.id})
 * @param lastSync           the last desired-state sync and what it found; empty before the first
 * @param lastSuccessfulSync the end of the last sync that succeeded (new manifest or nothing new), carried over a
 *                           restart; empty if none ever did
 * @param manifestVersion    the accepted manifest's version (unsigned decimal); empty before the first
 * @param deployments        every deployment desired or still applied, by id
 * @param pendingReports     status reports waiting in the outbox
 * @param nextWakeUp         the agent's next wake-up and why, as {@link WakeUp#decide} decided it (often the
 *                           configuration check, due every second)
 * @param nextExchange       the same decision over the steps that talk to the WFM only: the next poll or status
 *                           delivery and why
 * @param identity           SVID expiry and trust bundle refresh
 * @param polls              polls since the agent started, by result
 */
public record AgentSnapshot(Instant writtenAt, String deviceId, Optional<Sync> lastSync,
                            Optional<Instant> lastSuccessfulSync, Optional<String> manifestVersion,
                            List<Deployment> deployments, int pendingReports, WakeUp.Decision nextWakeUp,
                            WakeUp.Decision nextExchange, IdentityFacts identity, PollCounts polls) {
    public AgentSnapshot {
        Objects.requireNonNull(writtenAt, "writtenAt");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(lastSync, "lastSync");
        Objects.requireNonNull(lastSuccessfulSync, "lastSuccessfulSync");
        Objects.requireNonNull(manifestVersion, "manifestVersion");
        deployments = List.copyOf(deployments);
        if (pendingReports < 0) {
            throw new IllegalArgumentException("pendingReports must not be negative: " + pendingReports);
        }
        Objects.requireNonNull(nextWakeUp, "nextWakeUp");
        Objects.requireNonNull(nextExchange, "nextExchange");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(polls, "polls");
    }

    /** A sync: when it ended and what it found ({@code unchanged}, {@code accepted manifest 7}, {@code rejected: x}). */
    public record Sync(Instant at, String result) {
        public Sync {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(result, "result");
        }
    }

    /**
     * One deployment.
     *
     * @param state                  the most severe state of its applied components ({@code pending} when desired
     *                               but not applied yet), a wire name of {@link ComponentState}
     * @param digest                 the digest of the deployment YAML applied, or desired when none is applied
     * @param adoptedManifestVersion the manifest version that introduced that YAML (unsigned decimal)
     */
    public record Deployment(String id, String state, String digest, String adoptedManifestVersion) {
        public Deployment {
            Objects.requireNonNull(id, "id");
            ComponentState.ofWireName(state);
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(adoptedManifestVersion, "adoptedManifestVersion");
        }
    }

    /** The deployments of {@code state}: each applied one with its state, each desired one not applied as pending. */
    public static List<Deployment> deployments(AgentState state) {
        List<Deployment> all = new ArrayList<>();
        TreeSet<String> ids = new TreeSet<>(state.applied().keySet());
        ids.addAll(state.desired().keySet());
        for (String id : ids) {
            AgentState.Applied applied = state.applied().get(id);
            if (applied != null) {
                String s = applied.components().isEmpty() ? ComponentState.PENDING.wireName()
                        : ComponentState.mostSevere(applied.components().stream().map(ComponentStatus::state)
                        .toList()).wireName();
                all.add(new Deployment(id, s, applied.digest(),
                        Long.toUnsignedString(applied.adoptedManifestVersion())));
            } else {
                AgentState.Desired desired = state.desired().get(id);
                all.add(new Deployment(id, ComponentState.PENDING.wireName(), desired.digest(),
                        Long.toUnsignedString(desired.adoptedManifestVersion())));
            }
        }
        return all;
    }

    /** How many deployments are in each state: every state of {@link ComponentState}, in its declaration order. */
    public Map<String, Long> deploymentsByState() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (ComponentState s : ComponentState.values()) {
            counts.put(s.wireName(), deployments.stream().filter(d -> d.state().equals(s.wireName())).count());
        }
        return counts;
    }
}

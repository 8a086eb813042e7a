package org.openmargo.wfm.observe;

import java.util.List;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import org.openmargo.wfm.status.DeploymentState;
import org.openmargo.wfm.status.StatusReport;
import org.openmargo.wfm.status.StatusStore;

/** A {@link StatusStore} that counts the status reports it stores by their overall deployment state. */
final class MeteredStatusStore implements StatusStore {
    private final StatusStore delegate;
    private final Counter[] byState;

    MeteredStatusStore(StatusStore delegate, MeterRegistry registry) {
        this.delegate = delegate;
        DeploymentState[] states = DeploymentState.values();
        byState = new Counter[states.length];
        for (DeploymentState s : states) {
            byState[s.ordinal()] = registry.getOrCreate(Counter.builder("openmargo.wfm.status.reports")
                    .description("Deployment status reports accepted, by the deployment's overall state")
                    .tags(List.of(Tag.create("state", s.wire()))));
        }
    }

    @Override
    public Outcome upsert(String clientId, StatusReport report) {
        Outcome outcome = delegate.upsert(clientId, report);
        byState[report.state().ordinal()].increment();
        return outcome;
    }

    @Override
    public List<Stored> latest(String clientId) {
        return delegate.latest(clientId);
    }

    @Override
    public List<org.openmargo.wfm.status.StatusChange> history(String clientId, String deploymentId) {
        return delegate.history(clientId, deploymentId);
    }
}

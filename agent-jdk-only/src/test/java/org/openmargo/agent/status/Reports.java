package org.openmargo.agent.status;

import java.util.List;
import java.util.Optional;

import org.openmargo.agent.state.ComponentState;
import org.openmargo.agent.state.ComponentStatus;
import org.openmargo.agent.state.StatusError;

/** Sample reports for the status tests: deployment with components "web" then "db". */
final class Reports {
    static final String ID = "0b6f1a2c-3d4e-4f50-8a9b-0c1d2e3f4a5b";

    private Reports() {
    }

    static StatusReport installing(long version) {
        return both(version, ComponentState.INSTALLING, ComponentState.PENDING);
    }

    static StatusReport installed(long version) {
        return both(version, ComponentState.INSTALLED, ComponentState.INSTALLED);
    }

    static StatusReport failed(long version) {
        StatusError error = new StatusError("TIMEOUT", "web", "not ready after 10m0s");
        return StatusReport.of(ID, Optional.of("gw1/devA"), version,
                Optional.of(new StatusError("COMPONENT_FAILED", "shop", "component web failed")),
                List.of(ComponentStatus.failed("web", error), ComponentStatus.of("db", ComponentState.PENDING)));
    }

    static StatusReport both(long version, ComponentState web, ComponentState db) {
        return StatusReport.of(ID, Optional.of("gw1/devA"), version, Optional.empty(),
                List.of(ComponentStatus.of("web", web), ComponentStatus.of("db", db)));
    }

    static StatusReport forDeployment(String id, long version) {
        return StatusReport.of(id, Optional.empty(), version, Optional.empty(),
                List.of(ComponentStatus.of("web", ComponentState.INSTALLED)));
    }
}

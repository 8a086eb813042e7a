package org.openmargo.agent.status;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.openmargo.agent.state.ComponentState;
import org.openmargo.agent.state.ComponentStatus;

class StatusReportJsonTest {

    @Test
    void write_failedReport_hasErrorsAndNoApiVersion() {
        String json = new String(StatusReportJson.write(Reports.failed(7)), UTF_8);

        assertThat(json).isEqualTo("{\"deploymentId\":\"" + Reports.ID + "\",\"deviceId\":\"gw1/devA\","
                + "\"adoptedManifestVersion\":7,\"status\":{\"state\":\"failed\",\"error\":{\"code\":\"COMPONENT_FAILED\","
                + "\"source\":\"shop\",\"message\":\"component web failed\"}},\"components\":["
                + "{\"name\":\"web\",\"state\":\"failed\",\"error\":{\"code\":\"TIMEOUT\",\"source\":\"web\","
                + "\"message\":\"not ready after 10m0s\"}},{\"name\":\"db\",\"state\":\"pending\"}]}");
    }

    @Test
    void write_noDeviceIdAndMaxVersion_omitsDeviceIdAndWritesPlainUint64() {
        StatusReport report = StatusReport.of("d1", Optional.empty(), -1L, Optional.empty(),
                List.of(ComponentStatus.of("web", ComponentState.REMOVED)));

        assertThat(new String(StatusReportJson.write(report), UTF_8)).isEqualTo("{\"deploymentId\":\"d1\","
                + "\"adoptedManifestVersion\":18446744073709551615,\"status\":{\"state\":\"removed\"},"
                + "\"components\":[{\"name\":\"web\",\"state\":\"removed\"}]}");
    }

    @Test
    void fromJson_writtenReport_roundTrips() {
        StatusReport report = Reports.failed(Long.MIN_VALUE);

        assertThat(StatusReportJson.fromJson(StatusReportJson.toJson(report))).isEqualTo(report);
    }

    @Test
    void of_mixedComponents_derivesMostSevereState() {
        assertThat(Reports.both(1, ComponentState.INSTALLED, ComponentState.PENDING).state())
                .isEqualTo(ComponentState.PENDING);
        assertThat(Reports.both(1, ComponentState.REMOVED, ComponentState.INSTALLED).state())
                .isEqualTo(ComponentState.INSTALLED);
        assertThat(Reports.both(1, ComponentState.REMOVING, ComponentState.INSTALLING).state())
                .isEqualTo(ComponentState.REMOVING);
        assertThat(Reports.both(1, ComponentState.REMOVING, ComponentState.FAILED).state())
                .isEqualTo(ComponentState.FAILED);
    }

    @Test
    void constructor_stateNotAggregate_isRejected() {
        assertThatThrownBy(() -> new StatusReport("d1", Optional.empty(), 1, ComponentState.INSTALLED, Optional.empty(),
                List.of(ComponentStatus.of("web", ComponentState.PENDING))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("overall state INSTALLED is not the aggregate PENDING");
    }
}

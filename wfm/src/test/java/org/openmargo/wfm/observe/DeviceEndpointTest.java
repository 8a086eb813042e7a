package org.openmargo.wfm.observe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeviceEndpointTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/api/v1/capabilities/gw1/devA, CAPABILITIES",
            "/api/v1/deployments, MANIFEST",
            "/api/v1/deployments/, DEPLOYMENT",
            "/api/v1/deployments/d-1/sha256:00, DEPLOYMENT",
            "/api/v1/deployments/d-1/status, STATUS",
            "/api/v1/deploymentsX, OTHER",
            "/api/v1/bundles/sha256:00, BUNDLE",
            "/x-openmargo/identity/v1/renew, RENEW",
            "/x-openmargo/identity/v1/renew/, OTHER",
            "/api/v1/capabilities, OTHER",
            "/, OTHER",
            "/observe/metrics, OTHER"})
    void of_rawPath_endpointOfItsRoute(String path, DeviceEndpoint expected) {
        assertThat(DeviceEndpoint.of(path)).isEqualTo(expected);
    }
}

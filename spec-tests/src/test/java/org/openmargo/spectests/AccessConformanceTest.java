package org.openmargo.spectests;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Mutual TLS and the accepted-client policy (spec b.1). */
class AccessConformanceTest {
    private static Target target;

    @BeforeAll
    static void start() throws Exception {
        target = Target.get();
    }

    @Test
    void connection_withoutClientCertificate_failsTheHandshake() {
        Device anonymous = new Device(target.base, target.noClientCertificate);
        assertThatThrownBy(() -> anonymous.get("/api/v1/deployments")).isInstanceOf(IOException.class);
    }

    @Test
    void request_fromValidButUnacceptedClient_is403NotAuthorized() throws Exception {
        Assumptions.assumeTrue(target.unaccepted.isPresent(), "needs an SVID that the WFM does not accept");
        Checks.problem(target.unaccepted.get().get("/api/v1/deployments"), 403, "not-authorized");
        Checks.problem(target.unaccepted.get().putJson("/api/v1/capabilities/x", Checks.gatewayCapabilities("x")),
                403, "not-authorized");
    }

    @Test
    void request_fromRetiredClient_is403NotAuthorized() throws Exception {
        Assumptions.assumeTrue(target.retired.isPresent(), "needs a retired client");
        Checks.problem(target.retired.get().get("/api/v1/deployments"), 403, "not-authorized");
    }

    @Test
    void request_toUnknownPath_isProblemJson404() throws Exception {
        Checks.problem(target.device.get("/api/v1/nothing-here"), 404, null);
    }
}

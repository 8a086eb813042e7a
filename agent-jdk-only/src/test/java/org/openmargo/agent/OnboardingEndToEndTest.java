package org.openmargo.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.transport.WfmClient;
import org.openmargo.agent.transport.WfmRequest;
import org.openmargo.agent.transport.WfmResponse;

/**
 * Issue 5's end-to-end path over real sockets, with nothing prepared by hand: a fresh WFM creates its trust domain's
 * CA; the operator creates a one-time token; the agent's {@code enroll} command generates its key, enrolls over
 * pinned HTTPS and then reports capabilities, polls and installs over mTLS with the issued SVID; the client is retired
 * and its next request is refused with 403; a second device with the used token, and one with an expired token, are
 * refused and get no files.
 */
class OnboardingEndToEndTest extends OnboardingScenario {
    @Test
    void enrolledAgent_reportsPollsInstalls_thenIsRefusedOnceRetired() throws Exception {
        JsonObject token = rig.createToken("line7-plc", "PT10M");
        Path config = rig.agentConfig("line7", token);

        OnboardingRig.Run enroll = OnboardingRig.agent(Map.of("MARGO_AGENT_ENROLL_TOKEN", OnboardingRig.string(token, "token")), "enroll", "--config",
                config.toString());
        assertThat(enroll.code()).as(enroll.err()).isZero();
        assertThat(enroll.out()).contains("spiffe://plant.example/margo/wfm/wfm-a/client/line7-plc");
        Path key = dir.resolve("line7/svid.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");

        rig.putDeployment("line7-plc", "device-line7");
        OnboardingRig.Run pass = OnboardingRig.agent(Map.of(), "run", "--once", "--config", config.toString());
        assertThat(pass.code()).as(pass.err()).isZero();
        JsonObject overview = rig.operatorGet("/operator/v1/clients/line7-plc");
        assertThat(overview.string("standing")).hasValue("accepted");
        JsonObject device = (JsonObject) overview.array("devices").orElseThrow().items().getFirst();
        assertThat(device.string("deviceId")).hasValue("device-line7");
        assertThat(device.object("capabilities")).isPresent();
        JsonObject deployment = (JsonObject) overview.array("deployments").orElseThrow().items().getFirst();
        assertThat(deployment.object("status").orElseThrow().string("state")).hasValue("installed");

        rig.operator("POST", "/operator/v1/clients/line7-plc/retire", null);
        try (WfmClient client = rig.clientWith(dir.resolve("line7"))) {
            WfmResponse refused = client.send(new WfmRequest("GET", "/api/v1/deployments", Map.of(), null));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("#not-authorized");
        }
        assertThat(OnboardingRig.agent(Map.of(), "run", "--once", "--config", config.toString()).code()).isEqualTo(1);

        Path second = rig.agentConfig("second", token);
        OnboardingRig.Run reused = OnboardingRig.agent(Map.of("MARGO_AGENT_ENROLL_TOKEN", OnboardingRig.string(token, "token")), "enroll", "--config",
                second.toString());
        assertThat(reused.code()).isEqualTo(1);
        assertThat(reused.err()).contains("refused");
        assertThat(dir.resolve("second/svid.pem")).doesNotExist();
        assertThat(dir.resolve("second/svid.key")).doesNotExist();
    }

    @Test
    void enroll_withExpiredToken_isRefusedAndWritesNothing() throws Exception {
        JsonObject token = rig.createToken("late-device", "PT1S");
        Path config = rig.agentConfig("late", token);
        Thread.sleep(1_500);

        OnboardingRig.Run enroll = OnboardingRig.agent(Map.of("MARGO_AGENT_ENROLL_TOKEN", OnboardingRig.string(token, "token")), "enroll", "--config",
                config.toString());

        assertThat(enroll.code()).isEqualTo(1);
        assertThat(enroll.err()).contains("refused");
        assertThat(dir.resolve("late/svid.pem")).doesNotExist();
        assertThat(rig.operatorGetStatus("/operator/v1/clients/late-device")).isEqualTo(404);
    }

    @Test
    void airGappedFlow_csrSignedByOperatorThenImported_pollsOverMtls() throws Exception {
        JsonObject discovery = rig.operatorGet("/operator/v1/discovery");
        Path config = rig.agentConfig("offline", discovery);
        Path csr = dir.resolve("offline/device.csr");

        OnboardingRig.Run request = OnboardingRig.agent(Map.of(), "csr", "--config", config.toString(), "--out",
                csr.toString());
        assertThat(request.code()).as(request.err()).isZero();
        String chain = rig.operatorPem("/operator/v1/clients/cabinet-3/svid", Files.readString(csr));
        Path signed = Files.writeString(dir.resolve("offline/signed.pem"), chain);
        Path bundle = Files.write(dir.resolve("offline/bundle.json"),
                rig.wfm.identityService().orElseThrow().trustBundleJson());
        OnboardingRig.Run imported = OnboardingRig.agent(Map.of(), "import-svid", "--config", config.toString(),
                "--in", signed.toString(), "--bundle", bundle.toString());
        assertThat(imported.code()).as(imported.err()).isZero();

        OnboardingRig.Run pass = OnboardingRig.agent(Map.of(), "run", "--once", "--config", config.toString());
        assertThat(pass.code()).as(pass.err()).isZero();
        assertThat(rig.operatorGet("/operator/v1/clients/cabinet-3").string("standing")).hasValue("accepted");
        assertThat(rig.operator("GET", "/operator/v1/audit?limit=5", null))
                .contains("\"action\":\"client.sign-csr\"").contains("\"actor\":\"e2e-test\"");
    }
}

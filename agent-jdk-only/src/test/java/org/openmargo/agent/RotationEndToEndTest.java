package org.openmargo.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.openmargo.agent.identity.IdentityFiles;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonString;
import org.openmargo.agent.renewal.Renewal;
import org.openmargo.agent.renewal.RenewalOutcome;
import org.openmargo.agent.transport.Svid;
import org.openmargo.agent.transport.WfmClient;
import org.openmargo.agent.transport.WfmRequest;
import org.openmargo.agent.trust.RefreshOutcome;
import org.openmargo.agent.trust.TrustStore;

/**
 * Spec b.1 anchor rotation against the real built-in identity service, seen by a real enrolled agent that refreshes its
 * bundle through discovery and renews its SVID: stage (both anchors published), activate (the WFM's SVID and new
 * client SVIDs come from the new anchor), finish (the old anchor gone). The device that refreshes within the window
 * never loses service; one that did not refresh cannot authenticate the WFM after activate, which is why the window
 * exists.
 */
class RotationEndToEndTest extends OnboardingScenario {
    private static final String DEPLOYMENTS = "/api/v1/deployments";

    @Test
    void rotation_deviceRefreshingWithinTheWindow_keepsWorkingThroughStageActivateFinish() throws Exception {
        JsonObject token = rig.createToken("press-1", "PT10M");
        Path config = rig.agentConfig("press", token);
        OnboardingRig.Run enroll = OnboardingRig.agent(Map.of("MARGO_AGENT_ENROLL_TOKEN",
                OnboardingRig.string(token, "token")), "enroll", "--config", config.toString());
        assertThat(enroll.code()).as(enroll.err()).isZero();
        Path home = dir.resolve("press");
        Files.copy(home.resolve("svid.pem"), dir.resolve("old-svid.pem"));
        Files.copy(home.resolve("svid.key"), dir.resolve("old-svid.key"));
        TrustStore trust = TrustStore.open(new TrustStore.Settings(Optional.empty(),
                Optional.of(URI.create(OnboardingRig.string(token, "discoveryUri"))), Optional.empty(), pins(token),
                home.resolve("state"), Duration.ofHours(1), Optional.of("plant.example")));
        IdentityFiles files = IdentityFiles.of(home.resolve("svid.pem"), home.resolve("svid.key"));
        List<X509Certificate> staleAnchors = List.copyOf(trust.anchors());
        URI wfmUrl = URI.create("https://127.0.0.1:" + rig.wfm.deviceApiPort());

        try (WfmClient agent = WfmClient.create(WfmClient.Settings.of(wfmUrl), files.load(), trust::anchors);
             WfmClient stale = WfmClient.create(WfmClient.Settings.of(wfmUrl), files.load(), () -> staleAnchors)) {
            assertThat(get(agent)).isEqualTo(200);

            rotate("stage");
            assertThat(trust.refresh()).isInstanceOf(RefreshOutcome.Updated.class);
            assertThat(trust.anchors()).hasSize(2);
            assertThat(get(agent)).isEqualTo(200);

            rotate("activate");
            agent.reconnect();
            stale.reconnect();
            assertThat(get(agent)).as("old-anchor SVID, WFM SVID from the new anchor").isEqualTo(200);
            assertThatThrownBy(() -> get(stale)).as("a device that never refreshed cannot trust the new WFM SVID")
                    .isInstanceOf(IOException.class);

            RenewalOutcome renewed = new Renewal(agent, files, Clock.systemUTC(), new SecureRandom()).attempt();
            assertThat(renewed).isInstanceOf(RenewalOutcome.Renewed.class);
            assertThat(get(agent)).isEqualTo(200);

            rotate("finish");
            assertThat(trust.refresh()).isInstanceOf(RefreshOutcome.Updated.class);
            assertThat(trust.anchors()).hasSize(1);
            agent.reconnect();
            assertThat(get(agent)).as("renewed SVID after the old anchor is gone").isEqualTo(200);
        }
        Svid old = Svid.load(dir.resolve("old-svid.pem"), dir.resolve("old-svid.key"));
        try (WfmClient retiredAnchor = WfmClient.create(WfmClient.Settings.of(wfmUrl), old, trust::anchors)) {
            assertThatThrownBy(() -> get(retiredAnchor)).as("an SVID of the removed anchor no longer authenticates")
                    .isInstanceOf(IOException.class);
        }
    }

    private static int get(WfmClient client) throws IOException, InterruptedException {
        return client.send(new WfmRequest("GET", DEPLOYMENTS, Map.of(), null)).status();
    }

    private void rotate(String step) throws Exception {
        rig.operator("POST", "/operator/v1/ca/rotation", "{\"step\":\"" + step + "\"}");
    }

    private static List<String> pins(JsonObject token) {
        return token.array("pins").orElseThrow().items().stream().map(v -> ((JsonString) v).value())
                .map(pin -> pin.substring("sha256:".length())).toList();
    }
}

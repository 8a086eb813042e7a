package org.openmargo.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.openmargo.wfm.WfmServer;
import org.openmargo.wfm.config.WfmSettings;
import org.openmargo.wfm.testpki.TestPki;

/**
 * A real WFM for the agent's tests, {@code spiffe://plant.example/margo/wfm/wfm-a}, on free loopback ports with
 * identity material from a {@link TestPki}. The agent shares no code with the WFM at run time; this is test scope.
 *
 * @param pki    the PKI whose root the WFM trusts and which issued its SVID
 * @param files  the WFM's certificate chain, key and trust bundle
 * @param server the running WFM
 */
public record LocalWfm(TestPki pki, TestPki.ServerFiles files, WfmServer server) implements AutoCloseable {

    /** Starts a WFM with its data and identity files under {@code dir}. */
    public static LocalWfm start(Path dir) throws IOException {
        TestPki pki = TestPki.create("plant.example", "wfm-a");
        TestPki.ServerFiles files = pki.writeServerFiles(dir.resolve("wfm-identity"));
        Map<String, String> values = new HashMap<>(Map.of(
                "wfm.data-dir", dir.resolve("wfm-data").toString(),
                "wfm.trust-domain", "plant.example",
                "wfm.wfm-id", "wfm-a",
                "wfm.device-api.host", "127.0.0.1",
                "wfm.device-api.port", "0",
                "wfm.operator.port", "0",
                "wfm.observe.port", "0",
                "wfm.identity.trust-bundle", files.trustBundle().toString(),
                "wfm.identity.certificate", files.certificateChain().toString(),
                "wfm.identity.private-key", files.privateKey().toString()));
        WfmServer server = WfmServer.start(WfmSettings.from(Config.just(ConfigSources.create(values)), "test"));
        return new LocalWfm(pki, files, server);
    }

    @Override
    public void close() {
        server.close();
    }
}

package org.openmargo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openmargo.agent.transport.Svid;
import org.openmargo.agent.transport.WfmClient;
import org.openmargo.wfm.WfmServer;
import org.openmargo.wfm.config.WfmSettings;
import org.openmargo.wfm.forwarded.ProxyIdentity;
import org.openmargo.wfm.identityservice.BuiltInIdentityService;
import org.openmargo.wfm.identityservice.ClientCredentials;
import org.openmargo.wfm.identityservice.IssuedSvid;

/**
 * Issue 16's must-show: two WFM instances (in this JVM, each a full server) on one PostgreSQL schema behind a real
 * HAProxy started from {@code packaging/haproxy} on loopback, in both modes; four agents made of the agent's own
 * library poll through it, each poll on a new connection; 200 desired-state changes are made alternately through
 * the two instances' operator APIs. No agent ever sees its manifestVersion go down (the agent's rollback check would
 * reject it: there must be no rejection at all), every agent reaches its last version, both instances served, and
 * every status report is stored, once per deployment.
 */
class LoadBalancedInstancesTest {
    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final int AGENTS = 4;
    private static final int CHANGES = 200;

    @TempDir
    Path dir;
    private String schema;
    private final List<WfmServer> instances = new ArrayList<>();
    private HaproxyProcess haproxy;
    private final List<PollingAgent> agents = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    @BeforeEach
    void schema() throws Exception {
        schema = "t_" + UUID.randomUUID().toString().replace("-", "");
        sql("CREATE SCHEMA " + schema);
    }

    @AfterEach
    void stop() throws Exception {
        agents.forEach(PollingAgent::stop);
        for (Thread t : threads) {
            t.interrupt();
            t.join(5_000);
        }
        agents.forEach(PollingAgent::close);
        if (haproxy != null) {
            haproxy.close();
        }
        instances.forEach(WfmServer::close);
        sql("DROP SCHEMA " + schema + " CASCADE");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"passthrough.cfg", "terminate.cfg"})
    void twoInstancesBehindHaproxy_200Changes_noAgentSeesAVersionGoDown(String config) throws Exception {
        boolean terminate = config.equals("terminate.cfg");
        Path certs = Files.createDirectories(dir.resolve("certs"));
        String proxyFingerprint = terminate ? proxyClientCertificate(certs) : null;
        for (String name : List.of("a", "b")) {
            instances.add(WfmServer.start(settings(dir.resolve(name), proxyFingerprint)));
        }
        WfmServer a = instances.get(0);
        WfmServer b = instances.get(1);
        await(() -> a.hearsChanges() && b.hearsChanges(), "both instances listen for changes");
        BuiltInIdentityService ca = a.builtInIdentityService().orElseThrow();
        Map<String, String> environment = new HashMap<>(Map.of("OPENMARGO_CERTS", certs.toString()));
        if (terminate) {
            writeFrontAndAnchors(ca, certs);
            environment.put("OPENMARGO_WFM1", "127.0.0.1:" + a.proxiedDeviceApiPort());
            environment.put("OPENMARGO_WFM2", "127.0.0.1:" + b.proxiedDeviceApiPort());
        } else {
            environment.put("OPENMARGO_WFM1", "127.0.0.1:" + a.deviceApiPort());
            environment.put("OPENMARGO_WFM2", "127.0.0.1:" + b.deviceApiPort());
        }
        haproxy = HaproxyProcess.start(config, environment, dir);

        Map<String, String> deploymentOf = new ConcurrentHashMap<>();
        for (int i = 0; i < AGENTS; i++) {
            String clientId = "device-" + i;
            a.identity().policy().accept(clientId);
            b.identity().policy().accept(clientId);
            deploymentOf.put(clientId, UUID.randomUUID().toString());
            ClientCredentials credentials = ClientCredentials.issue(ca, clientId);
            WfmClient client = WfmClient.create(WfmClient.Settings.of(URI.create("https://127.0.0.1:" + haproxy.port)),
                    Svid.of(credentials.svid().chain(), credentials.key()), () -> ca.ca().anchors());
            PollingAgent agent = new PollingAgent(clientId, client);
            agents.add(agent);
            Thread t = Thread.ofPlatform().daemon().name("agent-" + clientId).start(agent);
            threads.add(t);
        }

        Map<String, Long> lastVersion = new HashMap<>();
        for (int n = 0; n < CHANGES; n++) {
            String clientId = "device-" + (n % AGENTS);
            WfmServer via = n % 2 == 0 ? a : b;
            long version = putDeployment(via, clientId, deploymentOf.get(clientId), n);
            lastVersion.merge(clientId, version, Math::max);
            Thread.sleep(10);
        }
        await(() -> agents.stream().allMatch(x -> x.accepted.get() == lastVersion.get(x.clientId)),
                "every agent reaches its last manifest version");
        await(() -> agents.stream().allMatch(x -> storedStatusVersion(x.clientId, deploymentOf.get(x.clientId))
                == lastVersion.get(x.clientId)), "the last status of every agent is stored");

        for (PollingAgent agent : agents) {
            assertThat(agent.rejections).as("%s: refused manifests (a rollback would be one)", agent.clientId)
                    .isEmpty();
            assertThat(agent.versionsSeen).as(agent.clientId).isSorted().doesNotHaveDuplicates();
            assertThat(agent.statusFailures).as(agent.clientId).isEmpty();
            assertThat(agent.statusesSent.get()).as(agent.clientId).isPositive();
            assertThat(agent.statusesStored.get()).as(agent.clientId).isEqualTo(agent.statusesSent.get());
        }
        assertThat(statusRows()).as("one stored status per client and deployment").isEqualTo(AGENTS);
        String log = haproxy.log();
        assertThat(count(log, "/wfm1 ")).as("requests or connections instance A served").isPositive();
        assertThat(count(log, "/wfm2 ")).as("requests or connections instance B served").isPositive();
        System.out.printf("%s: %d polls, %d manifests accepted, %d statuses stored; HAProxy log lines to A %d, to B %d%n",
                config, agents.stream().mapToLong(x -> x.polls.get()).sum(),
                agents.stream().mapToLong(x -> x.versionsSeen.size()).sum(),
                agents.stream().mapToLong(x -> x.statusesStored.get()).sum(), count(log, "/wfm1 "),
                count(log, "/wfm2 "));
    }

    private WfmSettings settings(Path data, String proxyFingerprint) {
        Map<String, String> values = new HashMap<>();
        values.put("wfm.data-dir", data.toString());
        values.put("wfm.trust-domain", "plant.example");
        values.put("wfm.wfm-id", "wfm-a");
        values.put("wfm.device-api.host", "127.0.0.1");
        values.put("wfm.device-api.port", "0");
        values.put("wfm.operator.port", "0");
        values.put("wfm.observe.port", "0");
        values.put("wfm.identity-service.host", "127.0.0.1");
        values.put("wfm.identity-service.port", "0");
        values.put("wfm.identity-service.tls-names", "localhost,127.0.0.1");
        values.put("wfm.identity-service.ca-key-passphrase", "one passphrase for every instance");
        values.put("wfm.identity.reload-interval", "PT0.5S");
        values.put("wfm.database.url", POSTGRES + "?currentSchema=" + schema);
        values.put("wfm.database.user", "postgres");
        // An hour: coherence must come from the notifications, not from entries expiring.
        values.put("wfm.desired-state.cache-ttl", "PT1H");
        if (proxyFingerprint != null) {
            values.put("wfm.proxied-device-api.enabled", "true");
            values.put("wfm.proxied-device-api.port", "0");
            values.put("wfm.proxied-device-api.proxy-fingerprints", proxyFingerprint);
        }
        return WfmSettings.from(Config.just(ConfigSources.create(values)), "test");
    }

    /** HAProxy's client certificate towards the WFM, made with openssl as an operator would; its fingerprint. */
    private static String proxyClientCertificate(Path certs) throws Exception {
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=haproxy", "-days", "2",
                "-keyout", certs.resolve("proxy-key.pem").toString(),
                "-out", certs.resolve("proxy-cert.pem").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        byte[] cert = Files.readAllBytes(certs.resolve("proxy-cert.pem"));
        Files.write(certs.resolve("proxy-client.pem"), concat(cert,
                Files.readAllBytes(certs.resolve("proxy-key.pem"))));
        X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(cert));
        return ProxyIdentity.fingerprint(x509);
    }

    /** HAProxy's certificate towards devices (an SVID of the WFM, which agents verify) and the anchors. */
    private static void writeFrontAndAnchors(BuiltInIdentityService ca, Path certs) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        IssuedSvid svid = ca.issueWfm(pair.getPublic());
        StringBuilder front = new StringBuilder();
        for (X509Certificate c : svid.chain()) {
            front.append(pem("CERTIFICATE", c.getEncoded()));
        }
        front.append(pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(certs.resolve("front.pem"), front);
        StringBuilder anchors = new StringBuilder();
        for (X509Certificate c : ca.ca().anchors()) {
            anchors.append(pem("CERTIFICATE", c.getEncoded()));
        }
        Files.writeString(certs.resolve("anchors.pem"), anchors);
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + label + "-----\n";
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    /** PUT through one instance's operator API; the manifestVersion it answers. */
    private static long putDeployment(WfmServer via, String clientId, String deploymentId, int n) throws Exception {
        String yaml = """
                metadata:
                  name: hello-line
                  namespace: demo
                  deviceId: demo-device
                spec:
                  applicationId: hello-line
                  deploymentProfile:
                    type: compose
                    components:
                      - name: broker
                        properties:
                          repository: oci://registry.example.com/demo/broker
                          revision: 2.1.%d
                      - name: dashboard
                        properties:
                          repository: oci://registry.example.com/demo/dashboard
                          revision: 1.0.3
                """.formatted(n);
        yaml = "id: " + deploymentId + "\n" + yaml;
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + via.operatorPort() + "/operator/v1/clients/" + clientId
                                + "/deployments"))
                .header("Authorization", "Bearer " + via.operatorToken())
                .header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofString(yaml)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
        Matcher m = Pattern.compile("\"manifestVersion\":\"(\\d+)\"").matcher(r.body());
        assertThat(m.find()).as(r.body()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private long storedStatusVersion(String clientId, String deploymentId) {
        try (Connection c = DriverManager.getConnection(POSTGRES + "?currentSchema=" + schema, "postgres", "");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT adopted_version FROM deployment_status WHERE client_id = '"
                     + clientId + "' AND deployment_id = '" + deploymentId + "'")) {
            return r.next() ? r.getLong(1) : -1;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private int statusRows() throws Exception {
        try (Connection c = DriverManager.getConnection(POSTGRES + "?currentSchema=" + schema, "postgres", "");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM deployment_status")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(POSTGRES, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 60 s: " + what);
            }
            Thread.sleep(50);
        }
    }
}

package org.openmargo.spectests;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.openmargo.wfm.WfmServer;
import org.openmargo.wfm.config.WfmSettings;
import org.openmargo.wfm.identityservice.ClientCredentials;
import org.openmargo.wfm.identityservice.IdentityService;

/**
 * The WFM under test and the devices that talk to it.
 *
 * <p>External target: set {@code margo.base-url}, {@code margo.client-chain} (PEM SVID chain), {@code margo.client-key}
 * (PKCS#8 PEM) and {@code margo.trust-anchors} (PEM). Optional: {@code margo.other-client-chain}/{@code -key} (a second
 * accepted client, for isolation checks), {@code margo.unaccepted-client-chain}/{@code -key}, and
 * {@code margo.operator-url}/{@code margo.operator-token} (an OpenMargo operator API, for checks that need
 * deployments). Without {@code margo.base-url} a local OpenMargo WFM is started on free ports with a fresh PKI.
 *
 * <p>The identity service's Trust Bundle API ({@link #mis}): for an external target set {@code margo.discovery-url}
 * (the discovery document's https URL) and the initial trust for that endpoint, exactly one of
 * {@code margo.mis-trust-anchors} (PEM CA certificates) or {@code margo.mis-pins} (comma-separated {@code sha256:<hex>}
 * fingerprints of a CA certificate the endpoint presents); without {@code margo.discovery-url} those checks are
 * skipped, with it but without exactly one of the two the target is a configuration error. For the local WFM it is the
 * built-in MIS listener, trusted by the pin of its TLS root as the WFM reports it ({@code IdentityService.tlsPins()}),
 * never by what the server sends; host names are checked in both cases.
 */
final class Target {
    private static Target instance;

    final URI base;
    final Device device;
    final Optional<Device> other;
    final Optional<Device> unaccepted;
    final Optional<Device> retired;
    final Optional<Operator> operator;
    final SSLContext noClientCertificate;
    final String deviceClientId;
    final String otherClientId;
    /** The SVID chain {@link #device} presents, leaf first. */
    final List<X509Certificate> deviceChain;
    final Optional<Mis> mis;

    private Target(URI base, Device device, List<X509Certificate> deviceChain, Optional<Device> other,
                   Optional<Device> unaccepted, Optional<Device> retired, Optional<Operator> operator,
                   SSLContext noClientCertificate, String deviceClientId, String otherClientId, Optional<Mis> mis) {
        this.base = base;
        this.device = device;
        this.deviceChain = List.copyOf(deviceChain);
        this.mis = mis;
        this.other = other;
        this.unaccepted = unaccepted;
        this.retired = retired;
        this.operator = operator;
        this.noClientCertificate = noClientCertificate;
        this.deviceClientId = deviceClientId;
        this.otherClientId = otherClientId;
    }

    static synchronized Target get() throws Exception {
        if (instance == null) {
            instance = System.getProperty("margo.base-url") == null ? local() : external();
        }
        return instance;
    }

    private static Target external() throws Exception {
        URI base = URI.create(System.getProperty("margo.base-url"));
        List<X509Certificate> anchors = Pem.certificates(Path.of(System.getProperty("margo.trust-anchors")));
        List<X509Certificate> chain = Pem.certificates(Path.of(System.getProperty("margo.client-chain")));
        Device device = new Device(base, SvidTls.context(chain, Pem.privateKey(Path.of(System.getProperty("margo.client-key"))), anchors));
        Optional<Operator> operator = Optional.ofNullable(System.getProperty("margo.operator-url"))
                .map(u -> new Operator(URI.create(u), System.getProperty("margo.operator-token", "")));
        return new Target(base, device, chain, optionalDevice(base, "margo.other-client", anchors),
                optionalDevice(base, "margo.unaccepted-client", anchors), Optional.empty(), operator,
                SvidTls.anonymous(chain.get(0), anchors), clientId(chain.get(0)),
                System.getProperty("margo.other-client-id", ""), externalMis());
    }

    /** Empty without {@code margo.discovery-url}; a discovery URL without anchors or pins is a configuration error. */
    private static Optional<Mis> externalMis() throws Exception {
        String discovery = System.getProperty("margo.discovery-url");
        if (discovery == null) {
            return Optional.empty();
        }
        String anchors = System.getProperty("margo.mis-trust-anchors");
        String pins = System.getProperty("margo.mis-pins");
        if ((anchors == null) == (pins == null)) {
            throw new IllegalArgumentException(
                    "margo.discovery-url needs exactly one of margo.mis-trust-anchors (PEM) or margo.mis-pins");
        }
        SSLContext tls = anchors != null ? MisTrust.anchored(Pem.certificates(Path.of(anchors)))
                : MisTrust.pinned(List.of(pins.split(",")));
        URI uri = URI.create(discovery);
        return Optional.of(new Mis(uri, new Device(uri, tls)));
    }

    private static Optional<Device> optionalDevice(URI base, String prefix, List<X509Certificate> anchors)
            throws Exception {
        String chain = System.getProperty(prefix + "-chain");
        if (chain == null) {
            return Optional.empty();
        }
        return Optional.of(new Device(base, SvidTls.context(Pem.certificates(Path.of(chain)),
                Pem.privateKey(Path.of(System.getProperty(prefix + "-key"))), anchors)));
    }

    private static Target local() throws Exception {
        Path dataDir = Files.createTempDirectory("spec-tests-wfm");
        String td = "spec.test";
        String wfmId = "wfm-spec";
        Config config = Config.just(ConfigSources.create(Map.of(
                "wfm.data-dir", dataDir.toString(),
                "wfm.trust-domain", td,
                "wfm.wfm-id", wfmId,
                "wfm.device-api.host", "127.0.0.1",
                "wfm.device-api.port", "0",
                "wfm.operator.port", "0",
                "wfm.observe.port", "0",
                "wfm.identity-service.host", "127.0.0.1",
                "wfm.identity-service.port", "0",
                "wfm.desired-state.cache-ttl", "PT1S")));
        WfmServer wfm = WfmServer.start(WfmSettings.from(config, "spec-tests"));
        Runtime.getRuntime().addShutdownHook(new Thread(wfm::close));
        URI base = URI.create("https://127.0.0.1:" + wfm.deviceApiPort());
        Operator operator = new Operator(URI.create("http://127.0.0.1:" + wfm.operatorPort()), wfm.operatorToken());
        Path pki = dataDir.resolve("pki");
        IdentityService mis = wfm.identityService().orElseThrow();
        List<X509Certificate> anchors = wfm.builtInIdentityService().orElseThrow().ca().anchors();
        Device a = localDevice(base, pki, mis, "device-a", anchors);
        Device b = localDevice(base, pki, mis, "device-b", anchors);
        Device unaccepted = localDevice(base, pki, mis, "never-accepted", anchors);
        Device retired = localDevice(base, pki, mis, "retired-device", anchors);
        operator.accept("device-a");
        operator.accept("device-b");
        operator.accept("retired-device");
        operator.retire("retired-device");
        List<X509Certificate> chain = Pem.certificates(pki.resolve("clients/device-a/svid.pem"));
        Mis misEndpoint = new Mis(mis.discoveryUri(), new Device(mis.discoveryUri(), MisTrust.pinned(mis.tlsPins())));
        return new Target(base, a, chain, Optional.of(b), Optional.of(unaccepted), Optional.of(retired),
                Optional.of(operator), SvidTls.anonymous(chain.get(0), anchors), "device-a", "device-b",
                Optional.of(misEndpoint));
    }

    /** A client key and SVID made in process by the WFM's identity service (the key never leaves this JVM). */
    private static Device localDevice(URI base, Path pki, IdentityService mis, String clientId,
                                      List<X509Certificate> anchors) throws Exception {
        Path dir = pki.resolve("clients").resolve(clientId);
        ClientCredentials.issue(mis, clientId).write(dir, anchors);
        return new Device(base, SvidTls.context(Pem.certificates(dir.resolve("svid.pem")),
                Pem.privateKey(dir.resolve("svid.key")), anchors));
    }

    private static String clientId(X509Certificate leaf) throws Exception {
        String id = SvidTls.spiffeId(leaf);
        return id.substring(id.lastIndexOf('/') + 1);
    }
}

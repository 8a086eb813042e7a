package org.openmargo.agent.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import org.openmargo.agent.testclock.TestClock;
import org.openmargo.wfm.testpki.TestPki;

/**
 * A scripted WFM for fault tests on WireMock: HTTPS on a loopback port with the WFM SVID of a {@link TestPki},
 * requiring a client certificate under its root ({@code needClientAuth}). By default it serves the published
 * {@link Release} (manifest with ETag and 304, YAMLs, bundle; anything else 404), answers capabilities PUTs 201 and
 * status POSTs 201, and 405 to any other method. A test changes answers with WireMock stubs through {@link #override}
 * (scenarios for "once" and "from then on", faults for dropped and malformed answers), and takes the WFM away with
 * {@link #down}. {@link #requests} and {@link #statuses} read WireMock's request journal; each request carries the
 * instant of the test's clock at which it arrived. Thread safe.
 *
 * <p>Two pieces stay hand-written, because WireMock cannot do them:
 * <ul>
 *   <li>{@link TcpGate}: a WFM that is gone resets connections <em>before</em> TLS and keeps its port, and the test
 *   counts those refused connections. WireMock's faults act on a request, after the TLS handshake; a stopped WireMock
 *   counts nothing.</li>
 *   <li>Delays on the test clock ({@link #slow}): WireMock's {@code withFixedDelay} sleeps in real time and leaves the
 *   test clock where it was, so an agent on that clock would see an instant answer. A small
 *   {@link ServeEventListener} advances the test clock instead, before the answer is sent.</li>
 * </ul>
 * The agent's client speaks HTTP/1.1 only, so HTTP/2 over TLS is off (WireMock's faults need HTTP/1.1). Jetty offers
 * TLS 1.2 besides 1.3; the agent by default asks for 1.3 only, so the fault tests run on TLS 1.3.
 */
final class FaultServer implements AutoCloseable {
    /** Priority of the stubs of {@link #override}: above every default answer. */
    private static final int OVERRIDE = 1;
    private static final int CONDITIONAL = 5;
    private static final int RELEASE = 6;
    private static final int OTHER_METHOD = 9;
    private static final String STATUS_PATH = "/api/v1/deployments/[^/]+/status";
    private static final String DELAY = "test-clock-delay";
    private static final String PASSWORD = "fault-server";

    /**
     * One request as journaled; {@code at} is the test clock's instant on arrival, {@code answered} the test clock's
     * instant when a {@link #slow} answer was sent.
     */
    record Request(String method, String path, Instant at, Optional<String> ifNoneMatch, Optional<Instant> answered) {
    }

    private final Clock clock;
    private final Path tlsDir;
    private final WireMockServer wiremock;
    private final TcpGate gate;
    private final Map<UUID, Instant> arrivals = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> answers = new ConcurrentHashMap<>();
    private final List<Refused> refused = new CopyOnWriteArrayList<>();
    private final List<StubMapping> releaseStubs = new CopyOnWriteArrayList<>();
    private final List<StubMapping> overrides = new CopyOnWriteArrayList<>();
    private volatile Release release;

    /** A connection the closed gate reset; {@code real} orders it among the journaled requests. */
    private record Refused(Instant real, Request request) {
    }

    private FaultServer(TestPki pki, Clock clock) throws IOException, GeneralSecurityException {
        this.clock = clock;
        this.tlsDir = Files.createTempDirectory("fault-server-tls");
        this.wiremock = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .httpDisabled(true)
                .dynamicHttpsPort()
                .http2TlsDisabled(true)
                .keystorePath(keyStore(pki).toString()).keystoreType("PKCS12").keystorePassword(PASSWORD)
                .keyManagerPassword(PASSWORD)
                .trustStorePath(trustStore(pki).toString()).trustStoreType("PKCS12").trustStorePassword(PASSWORD)
                .needClientAuth(true)
                .notifier(new ConsoleNotifier(false))
                .extensions(new ArrivalOnTestClock(), new TestClockDelay()));
        wiremock.start();
        standingAnswers();
        publish(Release.of(1));
        this.gate = TcpGate.start(wiremock.httpsPort(), () -> refused.add(new Refused(Instant.now(),
                new Request("CONNECT", "", clock.instant(), Optional.empty(), Optional.empty()))));
    }

    /** Starts a fault server whose requests are stamped with {@code clock}; {@link #slow} needs a {@link TestClock}. */
    static FaultServer start(TestPki pki, Clock clock) throws IOException, GeneralSecurityException {
        return new FaultServer(pki, clock);
    }

    /** The port the agent connects to: the gate in front of WireMock's HTTPS listener. */
    int port() {
        return gate.port();
    }

    /**
     * Serves {@code next} from now on. The new stubs are in place before the old ones go, so a request during the
     * change sees one release or the other, never a 404.
     */
    void publish(Release next) {
        List<StubMapping> old = List.copyOf(releaseStubs);
        List<StubMapping> added = new ArrayList<>();
        added.add(wiremock.stubFor(get(urlPathEqualTo("/api/v1/deployments")).atPriority(CONDITIONAL)
                .withHeader("If-None-Match", equalTo(next.etag()))
                .willReturn(aResponse().withStatus(304).withHeader("ETag", next.etag()))));
        added.add(wiremock.stubFor(get(urlPathEqualTo("/api/v1/deployments")).atPriority(RELEASE)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", Release.MANIFEST_TYPE)
                        .withHeader("ETag", next.etag()).withBody(next.manifest()))));
        next.artifacts().forEach((path, bytes) -> added.add(wiremock.stubFor(get(urlPathEqualTo(path))
                .atPriority(RELEASE).willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/octet-stream").withBody(bytes)))));
        releaseStubs.addAll(added);
        release = next;
        old.forEach(wiremock::removeStub);
        releaseStubs.removeAll(old);
    }

    Release published() {
        return release;
    }

    /** Adds {@code stub} above every default answer until {@link #clearOverrides}. */
    void override(MappingBuilder stub) {
        overrides.add(wiremock.stubFor(stub.atPriority(OVERRIDE)));
    }

    /** Removes every {@link #override} and puts every scenario back at its start. */
    void clearOverrides() {
        List<StubMapping> all = List.copyOf(overrides);
        all.forEach(wiremock::removeStub);
        overrides.removeAll(all);
        wiremock.resetScenarios();
    }

    /** {@code stub}, answered only after the test clock was advanced by {@code delay}. */
    static MappingBuilder slow(MappingBuilder stub, Duration delay) {
        return stub.withServeEventListener(DELAY, Parameters.one("by", delay.toString()));
    }

    /**
     * Takes the WFM away or brings it back on the same port. While away, every connection is reset at once, before
     * TLS, and logged as a {@code CONNECT} request: the agent sees a dead WFM, the test sees every attempt.
     */
    void down(boolean isDown) {
        gate.open(!isDown);
    }

    /** Every request received, in order of arrival, with the gate's refused connections among them. */
    List<Request> requests() {
        List<Refused> all = new ArrayList<>(refused);
        journal().forEach(event -> all.add(new Refused(event.getRequest().getLoggedDate().toInstant(),
                asRequest(event))));
        all.sort(Comparator.comparing(Refused::real));
        return all.stream().map(Refused::request).toList();
    }

    /** Every status body accepted (answered 201), in order of arrival. */
    List<String> statuses() {
        return journal().filter(event -> event.getRequest().getMethod().getName().equals("POST")
                        && path(event).matches(STATUS_PATH) && event.getResponse().getStatus() == 201)
                .map(event -> event.getRequest().getBodyAsString()).toList();
    }

    /** The journal, oldest first (WireMock lists the newest first). */
    private Stream<ServeEvent> journal() {
        return wiremock.getAllServeEvents().reversed().stream();
    }

    private Request asRequest(ServeEvent event) {
        return new Request(event.getRequest().getMethod().getName(), path(event), arrivals.get(event.getId()),
                Optional.ofNullable(event.getRequest().getHeader("If-None-Match")),
                Optional.ofNullable(answers.get(event.getId())));
    }

    private static String path(ServeEvent event) {
        return URI.create(event.getRequest().getUrl()).getPath();
    }

    private void standingAnswers() {
        wiremock.stubFor(put(urlPathMatching("/api/v1/capabilities/[^/]+")).atPriority(RELEASE)
                .willReturn(aResponse().withStatus(201)));
        wiremock.stubFor(post(urlPathMatching(STATUS_PATH)).atPriority(RELEASE)
                .willReturn(aResponse().withStatus(201)));
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS")) {
            wiremock.stubFor(request(method, anyUrl()).atPriority(OTHER_METHOD)
                    .willReturn(aResponse().withStatus(405)));
        }
    }

    private Path keyStore(TestPki pki) throws IOException, GeneralSecurityException {
        TestPki.Svid svid = pki.wfmServer();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("wfm", svid.key(), PASSWORD.toCharArray(), svid.chainArray());
        return store(keys, "wfm.p12");
    }

    private Path trustStore(TestPki pki) throws IOException, GeneralSecurityException {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("root", pki.root().certificate());
        return store(anchors, "root.p12");
    }

    private Path store(KeyStore store, String name) throws IOException, GeneralSecurityException {
        Path file = tlsDir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD.toCharArray());
        }
        return file;
    }

    @Override
    public void close() {
        try {
            gate.close();
        } catch (IOException e) {
            // closing anyway
        }
        wiremock.stop();
        try (Stream<Path> files = Files.list(tlsDir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
            Files.delete(tlsDir);
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }

    /** Stamps every request with the test clock's instant when it arrives. */
    private final class ArrivalOnTestClock implements ServeEventListener {
        @Override
        public String getName() {
            return "arrival-on-test-clock";
        }

        @Override
        public boolean applyGlobally() {
            return true;
        }

        @Override
        public void beforeMatch(ServeEvent event, Parameters parameters) {
            arrivals.put(event.getId(), clock.instant());
        }
    }

    /** For the stubs of {@link #slow}: advances the test clock by {@code by} before the answer is sent. */
    private final class TestClockDelay implements ServeEventListener {
        @Override
        public String getName() {
            return DELAY;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public void beforeResponseSent(ServeEvent event, Parameters parameters) {
            if (!(clock instanceof TestClock testClock)) {
                throw new IllegalStateException("a delay on the test clock needs a TestClock, not " + clock);
            }
            testClock.advance(Duration.parse(parameters.getString("by")));
            answers.put(event.getId(), clock.instant());
        }
    }
}

package org.openmargo.agent.renewal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import org.openmargo.agent.enrollment.TestIssuer;
import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.wfm.testpki.TestPki;

/**
 * A WFM device API stand-in over mTLS 1.3 (client certificate required under the {@link TestPki} root) with the
 * renewal endpoint: it signs the CSR for the caller's own SPIFFE ID (or answers as {@link #mode} says) and records the
 * client leaf presented on every request.
 *
 * <p>Hand-written on the JDK's {@code HttpsServer} rather than on WireMock like the other test servers: both what it
 * answers (a certificate for the caller's own SPIFFE ID) and what the tests check (which leaf the agent presented on
 * each request) come from the client certificate of the request's TLS session, and WireMock 3.13's request model
 * ({@code com.github.tomakehurst.wiremock.http.Request}) exposes headers, body and client address, not the peer
 * certificates.
 */
final class RenewalServer implements AutoCloseable {
    enum Mode { ISSUE, NOT_FOUND, FORBIDDEN, OTHER_CLIENT }

    private final TestPki pki;
    private final HttpsServer server;
    private final List<X509Certificate> presented = new CopyOnWriteArrayList<>();
    volatile Mode mode = Mode.ISSUE;

    RenewalServer(TestPki pki) throws IOException, GeneralSecurityException {
        this.pki = pki;
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        SSLContext tls = tls(pki);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                ssl.setNeedClientAuth(true);
                ssl.setProtocols(new String[] {"TLSv1.3"});
                params.setSSLParameters(ssl);
            }
        });
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The client leaf of every request, in order. */
    List<X509Certificate> presented() {
        return List.copyOf(presented);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] request = exchange.getRequestBody().readAllBytes();
        X509Certificate leaf = (X509Certificate) ((HttpsExchange) exchange).getSSLSession().getPeerCertificates()[0];
        presented.add(leaf);
        if (!exchange.getRequestURI().getPath().equals(Renewal.PATH)) {
            reply(exchange, 200, "{}");
            return;
        }
        switch (mode) {
            case NOT_FOUND -> reply(exchange, 404, "{\"type\":\"about:blank\",\"status\":404,\"title\":\"Not Found\"}");
            case FORBIDDEN -> reply(exchange, 403, "{\"type\":\"https://openmargo.org/problems/not-authorized\","
                    + "\"status\":403,\"detail\":\"client retired\"}");
            case ISSUE, OTHER_CLIENT -> issue(exchange, request, leaf);
        }
    }

    private void issue(HttpExchange exchange, byte[] request, X509Certificate caller) throws IOException {
        String csr;
        try {
            csr = ((JsonObject) Json.parse(request)).string("csr").orElseThrow();
        } catch (Exception e) {
            reply(exchange, 400, "{\"title\":\"bad request\"}");
            return;
        }
        String uri = mode == Mode.OTHER_CLIENT ? pki.clientUri("someone-else") : uri(caller);
        X509Certificate renewed = TestIssuer.issue(pki.root(), TestIssuer.csrKey(csr), uri,
                Instant.now().minus(Duration.ofMinutes(1)), Duration.ofDays(30));
        reply(exchange, 200, TestIssuer.answer(uri, List.of(renewed), pki.root()));
    }

    private static String uri(X509Certificate leaf) {
        try {
            return leaf.getSubjectAlternativeNames().stream().filter(name -> name.get(0).equals(6))
                    .map(name -> (String) name.get(1)).findFirst().orElseThrow();
        } catch (java.security.cert.CertificateParsingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static SSLContext tls(TestPki pki) throws IOException, GeneralSecurityException {
        TestPki.Svid svid = pki.wfmServer();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("wfm", svid.key(), new char[0], svid.chainArray());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("root", pki.root().certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

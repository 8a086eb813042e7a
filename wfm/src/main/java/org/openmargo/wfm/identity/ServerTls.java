package org.openmargo.wfm.identity;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;

import io.helidon.common.tls.Tls;
import io.helidon.common.tls.TlsClientAuth;

/**
 * Builds the WFM's server-side TLS (spec b.1, TLS baseline).
 *
 * <ul>
 *     <li>The server presents the chain and key of a {@link SvidKeyManager}, read from PEM files (leaf first; PKCS#8
 *     key, EC, RSA or Ed25519; {@code EC PRIVATE KEY}, {@code RSA PRIVATE KEY} and encrypted keys are refused with a
 *     hint) or kept in memory and swapped on renewal by the built-in identity service.</li>
 *     <li>Client authentication is REQUIRED and decided by {@link SvidTrustManager}.</li>
 *     <li>Only TLS 1.3 is enabled, unless TLS 1.2 is explicitly enabled as a fallback.</li>
 *     <li>TLS 1.3 resumption uses the JDK's stateless session tickets; the server session context's timeout bounds
 *     both cached sessions and ticket lifetime.</li>
 * </ul>
 * Helidon 4.5.0 applies its {@code session-timeout} only to an SSLContext it builds itself; given a ready SSLContext
 * it uses it as is. So this class sets the timeout on the context's {@link SSLSessionContext} directly. Helidon's
 * {@code enabledProtocols} and {@code clientAuth} are set too, but the guarantee comes from {@link PinnedSslContext}:
 * Helidon's SSLParameters break TLS 1.3 resumption (endpoint identification {@code ""}) and are not applied at all on
 * its non-NIO accept path.
 */
final class ServerTls {
    private static final int SESSION_CACHE_SIZE = 10_000;

    private ServerTls() {
    }

    static Tls create(SvidKeyManager keys, TrustManager trustManager, boolean tls12Enabled,
                      Duration sessionLifetime) {
        List<String> protocols = tls12Enabled ? List.of("TLSv1.3", "TLSv1.2") : List.of("TLSv1.3");
        SSLContext context = PinnedSslContext.wrap(sslContext(keys, trustManager, sessionLifetime),
                new PinnedTlsPolicy(protocols));
        return Tls.builder()
                .sslContext(context)
                .enabledProtocols(protocols)
                .clientAuth(TlsClientAuth.REQUIRED)
                .build();
    }

    static SSLContext sslContext(SvidKeyManager keys, TrustManager trustManager, Duration sessionLifetime) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keys}, new TrustManager[] {trustManager}, new SecureRandom());
            SSLSessionContext sessions = context.getServerSessionContext();
            // Bounds resumption (spec b.1: resumption must not extend authentication; limit ticket lifetime).
            sessions.setSessionTimeout(Math.toIntExact(sessionLifetime.toSeconds()));
            sessions.setSessionCacheSize(SESSION_CACHE_SIZE);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot build the TLS context from the WFM certificate and key: "
                    + e.getMessage(), e);
        }
    }

    static List<X509Certificate> readChain(Path file) {
        String text = read(file);
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (byte[] der : Pem.blocks(text, "CERTIFICATE")) {
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException | IllegalArgumentException e) {
            throw new IllegalArgumentException("WFM certificate chain " + file + ": bad certificate: "
                    + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("WFM certificate chain " + file + ": no CERTIFICATE block");
        }
        return chain;
    }

    static PrivateKey readKey(Path file) {
        String text = read(file);
        List<String> labels = Pem.labels(text);
        if (!labels.contains("PRIVATE KEY")) {
            String found = labels.isEmpty() ? "no PEM block" : "blocks " + labels;
            throw new IllegalArgumentException("WFM private key " + file + ": expected an unencrypted PKCS#8 "
                    + "'PRIVATE KEY' block but found " + found
                    + " (convert with: openssl pkcs8 -topk8 -nocrypt -in <key> -out <key.pk8.pem>)");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Pem.blocks(text, "PRIVATE KEY").getFirst());
        for (String algorithm : List.of("EC", "RSA", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("WFM private key " + file
                + ": PKCS#8 key is not EC, RSA or Ed25519");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e, e);
        }
    }
}

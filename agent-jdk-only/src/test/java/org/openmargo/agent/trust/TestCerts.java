package org.openmargo.agent.trust;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * A web-style PKI for an MIS test server, made with the JDK's {@code keytool} only (no server code, no
 * BouncyCastle): an EC P-256 CA ({@code bc=ca:true}, {@code keyCertSign,cRLSign}) and a server certificate it signs
 * for {@code ip:127.0.0.1} only, so connecting by {@code localhost} fails the host name check. Created once per test
 * class in a temp directory; each run of keytool takes a fraction of a second.
 *
 * @param ca             the CA certificate (what an operator pins)
 * @param serverKeyStore a PKCS #12 key store (password {@link #PASSWORD}) holding the server key with the chain
 *                       [server, CA], for a TLS server such as WireMock's {@code keystorePath}
 */
record TestCerts(X509Certificate ca, Path serverKeyStore) {
    /** The password of {@link #serverKeyStore} and of its key. */
    static final String PASSWORD = "changeit";

    static TestCerts create(Path dir) throws IOException, InterruptedException, GeneralSecurityException {
        Path ca = dir.resolve("ca.p12");
        Path server = dir.resolve("server.p12");
        keytool("-genkeypair", "-alias", "ca", "-keystore", ca, "-dname", "CN=MIS test CA", "-validity", "2",
                "-ext", "bc:c=ca:true", "-ext", "ku:c=keyCertSign,cRLSign");
        keytool("-genkeypair", "-alias", "mis", "-keystore", server, "-dname", "CN=mis", "-validity", "2");
        keytool("-certreq", "-alias", "mis", "-keystore", server, "-file", dir.resolve("mis.csr"));
        keytool("-gencert", "-alias", "ca", "-keystore", ca, "-infile", dir.resolve("mis.csr"), "-rfc",
                "-outfile", dir.resolve("mis.crt"), "-validity", "2", "-ext", "san=ip:127.0.0.1",
                "-ext", "ku:c=digitalSignature", "-ext", "eku=serverAuth");
        keytool("-exportcert", "-alias", "ca", "-keystore", ca, "-rfc", "-file", dir.resolve("ca.crt"));
        keytool("-importcert", "-noprompt", "-alias", "ca", "-keystore", server, "-file", dir.resolve("ca.crt"));
        keytool("-importcert", "-alias", "mis", "-keystore", server, "-file", dir.resolve("mis.crt"));

        X509Certificate caCertificate;
        try (InputStream in = Files.newInputStream(dir.resolve("ca.crt"))) {
            caCertificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        return new TestCerts(caCertificate, server);
    }

    private static void keytool(Object... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keyalg", "EC", "-groupname", "secp256r1"));
        for (Object argument : arguments) {
            command.add(argument.toString());
        }
        if (command.contains("-certreq") || command.contains("-gencert") || command.contains("-exportcert")
                || command.contains("-importcert")) {
            command.removeAll(List.of("-keyalg", "EC", "-groupname", "secp256r1"));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("keytool failed: " + command + "\n" + output);
        }
    }
}

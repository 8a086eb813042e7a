package org.openmargo.wfm.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.wfm.testpki.TestPki;

class TrustBundleTest {
    private static final TestPki PKI = TestPki.create("example.org", "wfm-1");
    private static final Path SOURCE = Path.of("bundle.json");

    @TempDir
    Path dir;

    @Test
    void parse_spiffeBundle_usesOnlyX509SvidKeys() {
        TestPki.Authority second = PKI.newRoot("second");

        TrustBundle bundle = parse(TestPki.bundleJson(7, PKI.root(), second));

        assertThat(bundle.anchors()).containsExactly(PKI.root().certificate(), second.certificate());
        assertThat(bundle.sequence()).hasValue(7);
        assertThat(bundle.refreshHint()).contains(Duration.ofSeconds(300));
    }

    @Test
    void parse_onlyJwtSvidKeys_failsClosed() {
        String json = "{\"keys\":[{\"kty\":\"EC\",\"use\":\"jwt-svid\",\"kid\":\"k\"}]}";

        assertThatThrownBy(() -> parse(json)).isInstanceOf(InvalidTrustBundleException.class)
                .hasMessage("trust bundle bundle.json: no key with \"use\":\"x509-svid\" (fail closed)");
    }

    @Test
    void parse_emptyKeys_failsClosed() {
        assertThatThrownBy(() -> parse("{\"keys\":[]}")).hasMessageContaining("fail closed");
    }

    @Test
    void parse_x509KeyWithoutX5c_failsNamingTheKey() {
        String json = "{\"keys\":[{\"kty\":\"EC\",\"use\":\"x509-svid\"}]}";

        assertThatThrownBy(() -> parse(json))
                .hasMessage("trust bundle bundle.json: keys[0].x5c must hold exactly one string");
    }

    @Test
    void parse_badBase64_failsNamingTheKey() {
        String json = "{\"keys\":[{\"use\":\"x509-svid\",\"x5c\":[\"not-a-cert\"]}]}";

        assertThatThrownBy(() -> parse(json)).hasMessageStartingWith("trust bundle bundle.json: keys[0].x5c[0]");
    }

    @Test
    void parse_negativeSequence_fails() {
        String json = TestPki.bundleJson(1, PKI.root()).replace("\"spiffe_sequence\":1", "\"spiffe_sequence\":-1");

        assertThatThrownBy(() -> parse(json)).hasMessageContaining("spiffe_sequence");
    }

    @Test
    void parse_malformedJson_failsWithFileName() {
        assertThatThrownBy(() -> parse("{\"keys\":[")).hasMessageStartingWith("trust bundle bundle.json: not a JSON");
    }

    @Test
    void parse_pemWithTwoCertificates_readsBoth() throws IOException {
        TestPki.Authority second = PKI.newRoot("second");
        Path file = dir.resolve("bundle.pem");
        TestPki.writePemBundle(file, PKI.root(), second);

        TrustBundle bundle = TrustBundleParser.parse(file, Files.readAllBytes(file));

        assertThat(bundle.anchors()).containsExactly(PKI.root().certificate(), second.certificate());
        assertThat(bundle.sequence()).isEmpty();
        assertThat(bundle.refreshHint()).isEmpty();
    }

    @Test
    void parse_pemWithoutCertificate_failsClosed() {
        assertThatThrownBy(() -> parse("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"))
                .hasMessageContaining("fail closed");
    }

    @Test
    void parse_emptyFile_fails() {
        assertThatThrownBy(() -> parse("  \n")).hasMessage("trust bundle bundle.json: file is empty");
    }

    private static TrustBundle parse(String text) {
        return TrustBundleParser.parse(SOURCE, text.getBytes(StandardCharsets.UTF_8));
    }
}

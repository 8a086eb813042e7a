package org.openmargo.wfm.forwarded;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openmargo.wfm.testpki.TestPki;

/** RFC 9440 fields as {@link ForwardedHeaders} reads them: exact structure or {@code Malformed}, never a throw. */
class ForwardedHeadersTest {
    private static final TestPki PKI = TestPki.create("plant.example", "wfm-a");
    private static final TestPki.Authority INTERMEDIATE = PKI.newIntermediate();
    private static final X509Certificate LEAF = PKI.client(INTERMEDIATE, "dev-1").leaf();

    private static String item(X509Certificate c) {
        try {
            return ":" + Base64.getEncoder().encodeToString(c.getEncoded()) + ":";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ForwardedHeaders.Outcome parse(List<String> cert, List<String> chain) {
        return new ForwardedHeaders(cert, chain).certificates();
    }

    @Test
    void certificates_leafAndChain_forwardedInOrder() {
        assertThat(parse(List.of(item(LEAF)), List.of(" " + item(INTERMEDIATE.certificate()) + " ")))
                .isEqualTo(new ForwardedHeaders.Forwarded(List.of(LEAF, INTERMEDIATE.certificate())));
    }

    @Test
    void certificates_noFields_absent() {
        assertThat(parse(List.of(), List.of())).isInstanceOf(ForwardedHeaders.Absent.class);
    }

    @Test
    void certificates_unpaddedBase64_accepted() {
        String padded = item(LEAF);
        String unpadded = padded.replace("=", "");
        assertThat(parse(List.of(unpadded), List.of())).isInstanceOf(ForwardedHeaders.Forwarded.class);
    }

    @Test
    void certificates_hostileValues_malformedWithTheReason() {
        assertThat(parse(List.of(":!!not base64!!:"), List.of()))
                .isEqualTo(new ForwardedHeaders.Malformed("Client-Cert is not valid base64"));
        assertThat(parse(List.of(":" + Base64.getEncoder().encodeToString("not a certificate".getBytes()) + ":"),
                List.of())).isEqualTo(new ForwardedHeaders.Malformed(
                        "Client-Cert does not hold one DER X.509 certificate"));
        assertThat(parse(List.of(item(LEAF).replace(":", "")), List.of()))
                .isInstanceOf(ForwardedHeaders.Malformed.class);
        assertThat(parse(List.of(item(LEAF) + ";a=1"), List.of())).isInstanceOf(ForwardedHeaders.Malformed.class);
        assertThat(parse(List.of("::"), List.of())).isInstanceOf(ForwardedHeaders.Malformed.class);
        assertThat(parse(List.of(item(LEAF), item(LEAF)), List.of()))
                .isEqualTo(new ForwardedHeaders.Malformed("Client-Cert must be one Byte Sequence, not a list"));
        assertThat(parse(List.of(item(LEAF) + ", " + item(LEAF)), List.of()))
                .isInstanceOf(ForwardedHeaders.Malformed.class);
        assertThat(parse(List.of(), List.of(item(LEAF))))
                .isEqualTo(new ForwardedHeaders.Malformed("Client-Cert-Chain without Client-Cert"));
        assertThat(parse(List.of(item(LEAF)), List.of(item(LEAF) + ",")))
                .isInstanceOf(ForwardedHeaders.Malformed.class);
    }

    @Test
    void certificates_bytesAfterTheCertificate_malformed() throws CertificateEncodingException {
        byte[] der = LEAF.getEncoded();
        byte[] longer = java.util.Arrays.copyOf(der, der.length + 3);
        assertThat(parse(List.of(":" + Base64.getEncoder().encodeToString(longer) + ":"), List.of()))
                .isInstanceOf(ForwardedHeaders.Malformed.class);
    }

    @Test
    void certificates_chainLongerThanTheLimit_malformed() {
        String many = String.join(", ", java.util.Collections.nCopies(ForwardedHeaders.MAX_CHAIN + 1,
                item(INTERMEDIATE.certificate())));
        assertThat(parse(List.of(item(LEAF)), List.of(many)))
                .isEqualTo(new ForwardedHeaders.Malformed("Client-Cert-Chain holds more than 8 certificates"));
    }
}

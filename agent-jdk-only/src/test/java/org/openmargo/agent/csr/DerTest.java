package org.openmargo.agent.csr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HexFormat;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.junit.jupiter.api.Test;

/** The DER writer: length forms at their boundaries, integers, OIDs, checked against fixed bytes and BouncyCastle. */
class DerTest {
    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Test
    void length_127_isShortForm() {
        assertThat(hex(Der.length(127))).isEqualTo("7f");
    }

    @Test
    void length_128_isLongFormWithOneByte() {
        assertThat(hex(Der.length(128))).isEqualTo("8180");
    }

    @Test
    void length_255And256_useOneThenTwoLengthBytes() {
        assertThat(hex(Der.length(255))).isEqualTo("81ff");
        assertThat(hex(Der.length(256))).isEqualTo("820100");
    }

    @Test
    void length_65536_usesThreeLengthBytes() {
        assertThat(hex(Der.length(65536))).isEqualTo("83010000");
    }

    @Test
    void octetString_ofEachBoundaryLength_parsesBackWithBouncyCastle() throws Exception {
        for (int size : new int[] {0, 127, 128, 255, 256, 70_000}) {
            byte[] content = new byte[size];
            for (int i = 0; i < size; i++) {
                content[i] = (byte) i;
            }
            byte[] der = Der.octetString(content);

            assertThat(((DEROctetString) ASN1Primitive.fromByteArray(der)).getOctets()).as("size " + size)
                    .isEqualTo(content);
        }
    }

    @Test
    void integer_zeroAnd128_useMinimalTwosComplement() {
        assertThat(hex(Der.integer(BigInteger.ZERO))).isEqualTo("020100");
        assertThat(hex(Der.integer(BigInteger.valueOf(128)))).isEqualTo("02020080");
    }

    @Test
    void oid_ecdsaWithSha256_matchesTheKnownEncoding() {
        assertThat(hex(Der.oid("1.2.840.10045.4.3.2"))).isEqualTo("06082a8648ce3d040302");
    }

    @Test
    void oid_largeArcs_parseBackWithBouncyCastle() throws Exception {
        String oid = "2.999.18446744073709551616.0.127.128";

        assertThat(((ASN1ObjectIdentifier) ASN1Primitive.fromByteArray(Der.oid(oid))).getId()).isEqualTo(oid);
    }

    @Test
    void oid_secondArcTooLargeUnderArc1_isRefused() {
        assertThatThrownBy(() -> Der.oid("1.40")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid first arcs in OID 1.40");
    }

    @Test
    void ia5String_nonAscii_isRefused() {
        assertThatThrownBy(() -> Der.ia5String("spiffe://tö")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an IA5 (US-ASCII) string: spiffe://tö");
    }

    @Test
    void contextConstructed_emptyTag0_isA000() {
        assertThat(hex(Der.contextConstructed(0))).isEqualTo("a000");
    }
}

package org.openmargo.wfm.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.HexFormat;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class X25519ProviderTest {

    @BeforeAll
    static void install() {
        X25519Provider.install();
        X25519Provider.install(); // idempotent
    }

    @Test
    void theJdksTlsLookupsFindThisProviderFirst() throws Exception {
        assertEquals(X25519Provider.NAME, KeyPairGenerator.getInstance("XDH").getProvider().getName());
        assertEquals(X25519Provider.NAME, KeyAgreement.getInstance("XDH").getProvider().getName());
        assertEquals(X25519Provider.NAME, KeyFactory.getInstance("XDH").getProvider().getName());
        // everything else stays with the JDK
        assertEquals("SunEC", KeyPairGenerator.getInstance("EC").getProvider().getName());
        assertEquals("SunJCE", javax.crypto.Cipher.getInstance("AES/GCM/NoPadding").getProvider().getName());
    }

    /** RFC 7748 section 6.1: Alice's and Bob's keys and their shared secret, in the form the JDK's TLS uses them. */
    @Test
    void agreesWithTheRfc7748TestVectorThroughTheJcaApiTheJdksTlsUses() throws Exception {
        byte[] alicePrivate = hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        byte[] bobPublic = hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
        byte[] shared = hex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");

        KeyFactory factory = KeyFactory.getInstance("XDH");
        PrivateKey alice = factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, alicePrivate));
        PublicKey bob = factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, littleEndian(bobPublic)));
        KeyAgreement agreement = KeyAgreement.getInstance("XDH");
        agreement.init(alice);
        agreement.doPhase(bob, true);
        assertArrayEquals(shared, agreement.generateSecret());
    }

    @Test
    void keysItGeneratesAgreeWithTheJdksOwnImplementation() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("XDH");
        generator.initialize(NamedParameterSpec.X25519);
        KeyPair ours = generator.generateKeyPair();
        KeyPairGenerator jdkGenerator = KeyPairGenerator.getInstance("XDH", "SunEC");
        jdkGenerator.initialize(NamedParameterSpec.X25519);
        KeyPair theirs = jdkGenerator.generateKeyPair();

        KeyAgreement mine = KeyAgreement.getInstance("XDH");
        mine.init(ours.getPrivate());
        mine.doPhase(theirs.getPublic(), true);
        KeyAgreement jdk = KeyAgreement.getInstance("XDH", "SunEC");
        jdk.init(theirs.getPrivate());
        jdk.doPhase(KeyFactory.getInstance("XDH", "SunEC").generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519,
                ((java.security.interfaces.XECPublicKey) ours.getPublic()).getU())), true);
        assertArrayEquals(jdk.generateSecret(), mine.generateSecret());
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    /** The u-coordinate of RFC 7748's little-endian encoding. */
    private static BigInteger littleEndian(byte[] encoded) {
        byte[] reversed = new byte[encoded.length];
        for (int i = 0; i < encoded.length; i++) {
            reversed[i] = encoded[encoded.length - 1 - i];
        }
        return new BigInteger(1, reversed);
    }
}

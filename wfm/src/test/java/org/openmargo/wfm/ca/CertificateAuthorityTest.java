package org.openmargo.wfm.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openmargo.wfm.store.Database;
import org.openmargo.wfm.store.DatabaseSettings;

/** The CA over a real (in-memory H2) database: issuance profile, lifetimes, bundle, rotation rules, key encryption. */
class CertificateAuthorityTest {
    static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    static final char[] PASSPHRASE = "correct horse battery".toCharArray();
    static final String SPIFFE = "spiffe://plant.example/margo/wfm/wfm-a/client/dev-1";

    final Database db = Database.open(new DatabaseSettings("jdbc:h2:mem:ca-" + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "", 2));
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @AfterEach
    void close() {
        db.close();
    }

    CertificateAuthority open(AnchorAlgorithm algorithm, Duration caLifetime) {
        return CertificateAuthority.open(new CaSettings("plant.example", algorithm, caLifetime, Duration.ofHours(1),
                PASSPHRASE, Optional.empty()), db.anchors(), clock);
    }

    static KeyPair ecKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    @Test
    void issue_svid_hasTheX509SvidProfile() throws Exception {
        CertificateAuthority ca = open(AnchorAlgorithm.ES256, Duration.ofDays(3650));
        KeyPair key = ecKey();
        CertificateAuthority.Issued issued = ca.issue(SPIFFE, key.getPublic(), Duration.ofDays(30));
        X509Certificate leaf = issued.chain().getFirst();
        X509Certificate anchor = ca.anchors().getFirst();

        assertThat(issued.chain()).hasSize(1);
        assertThat(leaf.getPublicKey()).isEqualTo(key.getPublic());
        assertThat(leaf.getSubjectAlternativeNames()).containsExactly(List.of(6, SPIFFE));
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
        assertThat(leaf.getKeyUsage()).startsWith(true, false, false, false, false, false, false);
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(leaf.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofMinutes(1)));
        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(30)));
        assertThat(issued.notAfter()).isEqualTo(NOW.plus(Duration.ofDays(30)));
        BigInteger serial = leaf.getSerialNumber();
        assertThat(serial.signum()).isEqualTo(1);
        assertThat(serial.toByteArray().length).isLessThanOrEqualTo(20);
        byte[] ski = SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(
                anchor.getExtensionValue(Extension.subjectKeyIdentifier.getId())).getOctets()).getKeyIdentifier();
        byte[] aki = AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(
                leaf.getExtensionValue(Extension.authorityKeyIdentifier.getId())).getOctets()).getKeyIdentifier();
        assertThat(aki).isEqualTo(ski);
        assertThat(leaf.getExtensionValue(Extension.subjectKeyIdentifier.getId())).isNotNull();
        leaf.verify(anchor.getPublicKey());
    }

    @Test
    void issue_clientIdOf200Characters_svidWithoutCommonNameAndTheFullSpiffeId() throws Exception {
        CertificateAuthority ca = open(AnchorAlgorithm.ES256, Duration.ofDays(3650));
        String spiffeId = "spiffe://plant.example/margo/wfm/wfm-a/client/" + "c".repeat(200);

        X509Certificate leaf = ca.issue(spiffeId, ecKey().getPublic(), Duration.ofDays(1)).chain().getFirst();

        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("O=OpenMargo");
        assertThat(leaf.getSubjectAlternativeNames()).containsExactly(List.of(6, spiffeId));
    }

    @Test
    void issue_clientIdOf64Characters_keepsItAsCommonName() throws Exception {
        CertificateAuthority ca = open(AnchorAlgorithm.ES256, Duration.ofDays(3650));
        String clientId = "c".repeat(64);

        X509Certificate leaf = ca.issue("spiffe://plant.example/margo/wfm/wfm-a/client/" + clientId,
                ecKey().getPublic(), Duration.ofDays(1)).chain().getFirst();

        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=" + clientId + ",O=OpenMargo");
    }

    @Test
    void open_anchor_isACaWithTheTrustDomainId() throws Exception {
        X509Certificate anchor = open(AnchorAlgorithm.ES256, Duration.ofDays(3650)).anchors().getFirst();
        assertThat(anchor.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
        assertThat(anchor.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
        assertThat(anchor.getKeyUsage()).containsExactly(false, false, false, false, false, true, true, false, false);
        assertThat(anchor.getSubjectAlternativeNames()).containsExactly(List.of(6, "spiffe://plant.example"));
        assertThat(anchor.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(3650)));
    }

    @Test
    void issue_lifetimeBeyondTheAnchor_isCappedAtTheAnchorsExpiry() throws Exception {
        CertificateAuthority ca = open(AnchorAlgorithm.ES256, Duration.ofDays(2));
        X509Certificate leaf = ca.issue(SPIFFE, ecKey().getPublic(), Duration.ofDays(30)).chain().getFirst();
        assertThat(leaf.getNotAfter()).isEqualTo(ca.anchors().getFirst().getNotAfter());
    }

    @ParameterizedTest
    @EnumSource(AnchorAlgorithm.class)
    void open_eachAlgorithm_issuesAnSvidThatVerifiesWithTheAnchor(AnchorAlgorithm algorithm) throws Exception {
        CertificateAuthority ca = open(algorithm, Duration.ofDays(365));
        X509Certificate anchor = ca.anchors().getFirst();
        ca.issue(SPIFFE, ecKey().getPublic(), Duration.ofDays(1)).chain().getFirst().verify(anchor.getPublicKey());
        assertThat(ca.view().anchors().getFirst().algorithm()).isEqualTo(algorithm.configName());
        assertThat(AnchorAlgorithm.describe(anchor.getPublicKey())).isEqualTo(algorithm.configName());
    }

    @Test
    void bundleJson_listsThePublishedAnchorsWithSequenceAndRefreshHint() {
        CertificateAuthority ca = open(AnchorAlgorithm.ES256, Duration.ofDays(365));
        JsonObject bundle = Json.createReader(new java.io.ByteArrayInputStream(ca.bundleJson())).readObject();
        assertThat(bundle.getJsonNumber("spiffe_sequence").longValue()).isEqualTo(1);
        assertThat(bundle.getJsonNumber("spiffe_refresh_hint").longValue()).isEqualTo(3600);
        assertThat(bundle.getJsonArray("keys")).hasSize(1);
        JsonObject key = bundle.getJsonArray("keys").getJsonObject(0);
        assertThat(key.getString("use")).isEqualTo("x509-svid");
        assertThat(key.getString("kty")).isEqualTo("EC");
        assertThat(key.getString("crv")).isEqualTo("P-256");
        assertThat(key.getJsonArray("x5c").getString(0))
                .isEqualTo(java.util.Base64.getEncoder().encodeToString(encoded(ca.anchors().getFirst())));
    }

    @Test
    void rotate_inOrder_publishesBothThenSwitchesIssuerThenDropsTheOld() throws Exception {
        CertificateAuthority ca = open(AnchorAlgorithm.ES256, Duration.ofDays(365));
        X509Certificate first = ca.anchors().getFirst();

        CaView staged = ca.rotate(RotationStep.STAGE);
        assertThat(staged.bundleSequence()).isEqualTo(2);
        assertThat(staged.anchors()).extracting(CaView.AnchorInfo::state)
                .containsExactly(AnchorState.ACTIVE, AnchorState.NEXT);
        assertThat(staged.issuingAnchor()).isEqualTo(Fingerprint.of(first));
        X509Certificate second = ca.anchors().get(1);

        CaView active = ca.rotate(RotationStep.ACTIVATE);
        assertThat(active.bundleSequence()).isEqualTo(2);
        assertThat(active.issuingAnchor()).isEqualTo(Fingerprint.of(second));
        ca.issue(SPIFFE, ecKey().getPublic(), Duration.ofDays(1)).chain().getFirst().verify(second.getPublicKey());
        assertThat(ca.anchors()).containsExactly(first, second);

        CaView finished = ca.rotate(RotationStep.FINISH);
        assertThat(finished.bundleSequence()).isEqualTo(3);
        assertThat(finished.anchors()).extracting(CaView.AnchorInfo::state).containsExactly(AnchorState.ACTIVE);
        assertThat(ca.anchors()).containsExactly(second);
    }

    @Test
    void rotate_outOfOrder_isRefusedAndChangesNothing() {
        CertificateAuthority ca = open(AnchorAlgorithm.ES256, Duration.ofDays(365));
        assertThatThrownBy(() -> ca.rotate(RotationStep.ACTIVATE)).isInstanceOf(RotationConflictException.class)
                .hasMessage("no anchor is staged: run 'stage' first");
        assertThatThrownBy(() -> ca.rotate(RotationStep.FINISH)).isInstanceOf(RotationConflictException.class)
                .hasMessageContaining("there is no previous anchor");
        ca.rotate(RotationStep.STAGE);
        assertThatThrownBy(() -> ca.rotate(RotationStep.STAGE)).isInstanceOf(RotationConflictException.class)
                .hasMessage("an anchor is already staged: activate it first");
        assertThatThrownBy(() -> ca.rotate(RotationStep.FINISH)).isInstanceOf(RotationConflictException.class);
        ca.rotate(RotationStep.ACTIVATE);
        assertThatThrownBy(() -> ca.rotate(RotationStep.STAGE)).isInstanceOf(RotationConflictException.class)
                .hasMessage("the previous rotation is not finished: run 'finish' first");
        assertThat(ca.view().bundleSequence()).isEqualTo(2);
        assertThat(ca.view().anchors()).hasSize(2);
    }

    @Test
    void open_again_reusesTheStoredAnchorAndItsRotationState() {
        CertificateAuthority first = open(AnchorAlgorithm.ES256, Duration.ofDays(365));
        first.rotate(RotationStep.STAGE);
        CertificateAuthority second = open(AnchorAlgorithm.ES384, Duration.ofDays(365));
        assertThat(second.anchors()).isEqualTo(first.anchors());
        assertThat(second.view()).isEqualTo(first.view());
    }

    @Test
    void storedKey_isEncryptedPbes2_andDoesNotParseAsPlainPkcs8() throws Exception {
        open(AnchorAlgorithm.ES256, Duration.ofDays(365));
        byte[] stored = db.anchors().load().orElseThrow().anchors().getFirst().encryptedKey();
        assertThatThrownBy(() -> SealedKey.privateKey(stored)).isInstanceOf(CaUnavailableException.class);
        var info = new org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo(stored);
        assertThat(info.getEncryptionAlgorithm().getAlgorithm().getId()).isEqualTo("1.2.840.113549.1.5.13");
        assertThat(info.getEncryptionAlgorithm().getParameters().toString()).contains("2.16.840.1.101.3.4.1.42")
                .contains("1.2.840.113549.2.9");
    }

    @Test
    void open_wrongPassphrase_failsNamingTheAnchorAndTheKey() {
        CertificateAuthority ca = open(AnchorAlgorithm.ES256, Duration.ofDays(365));
        String id = Fingerprint.of(ca.anchors().getFirst());
        assertThatThrownBy(() -> CertificateAuthority.open(new CaSettings("plant.example", AnchorAlgorithm.ES256,
                Duration.ofDays(1), Duration.ofHours(1), "not the passphrase".toCharArray(), Optional.empty()),
                db.anchors(), clock))
                .isInstanceOf(CaUnavailableException.class)
                .hasMessageStartingWith("cannot decrypt the CA key of anchor " + id + " (active) with the configured "
                        + "passphrase")
                .hasMessageContaining("wfm.identity-service.ca-key-passphrase");
    }

    @Test
    void misTlsRoot_isCreatedOnceAndIssuesServerCertificatesForTheNames() throws Exception {
        MisTlsRoot root = MisTlsRoot.open(db.anchors(), PASSPHRASE, "plant.example", clock);
        MisTlsRoot again = MisTlsRoot.open(db.anchors(), PASSPHRASE, "plant.example", clock);
        assertThat(again.pin()).isEqualTo(root.pin()).matches("sha256:[0-9a-f]{64}");
        X509Certificate leaf = root.issueServer(ecKey().getPublic(), List.of("localhost", "127.0.0.1"),
                new boolean[] {false, true}, Duration.ofDays(30));
        leaf.verify(root.certificate().getPublicKey());
        assertThat(leaf.getSubjectAlternativeNames()).containsExactly(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(Arrays.asList(root.certificate().getSubjectAlternativeNames() == null)).containsExactly(true);
        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS));
    }

    private static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

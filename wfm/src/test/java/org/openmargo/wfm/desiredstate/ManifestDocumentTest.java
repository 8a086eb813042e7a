package org.openmargo.wfm.desiredstate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ManifestDocumentTest {
    private static final Digest D1 = Digest.sha256("one".getBytes(StandardCharsets.UTF_8));
    private static final Digest D2 = Digest.sha256("two".getBytes(StandardCharsets.UTF_8));
    private static final Digest DB = Digest.sha256("bundle".getBytes(StandardCharsets.UTF_8));

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void write_noDeployments_bundleNullAndEmptyArray() {
        byte[] body = ManifestDocument.write(1, Optional.empty(), List.of());

        assertThat(text(body)).isEqualTo("{\"bundle\":null,\"deployments\":[],\"manifestVersion\":1}");
    }

    @Test
    void write_twoDeploymentsOutOfOrder_membersAndEntriesSorted() {
        byte[] body = ManifestDocument.write(7, Optional.of(new BundleRef(DB, 2048)),
                List.of(new ManifestEntry("b-2", D2, 20), new ManifestEntry("a-1", D1, 10)));

        assertThat(text(body)).isEqualTo("{\"bundle\":{\"digest\":\"" + DB + "\","
                + "\"mediaType\":\"application/vnd.margo.bundle.v1+tar+gzip\",\"sizeBytes\":2048,"
                + "\"url\":\"/api/v1/bundles/" + DB + "\"},"
                + "\"deployments\":["
                + "{\"deploymentId\":\"a-1\",\"digest\":\"" + D1 + "\",\"sizeBytes\":10,"
                + "\"url\":\"/api/v1/deployments/a-1/" + D1 + "\"},"
                + "{\"deploymentId\":\"b-2\",\"digest\":\"" + D2 + "\",\"sizeBytes\":20,"
                + "\"url\":\"/api/v1/deployments/b-2/" + D2 + "\"}],"
                + "\"manifestVersion\":7}");
    }

    @Test
    void write_sameStateInAnyOrder_sameBytes() {
        BundleRef bundle = new BundleRef(DB, 1);
        ManifestEntry a = new ManifestEntry("a", D1, 1);
        ManifestEntry b = new ManifestEntry("b", D2, 2);

        assertThat(ManifestDocument.write(3, Optional.of(bundle), List.of(a, b)))
                .isEqualTo(ManifestDocument.write(3, Optional.of(bundle), List.of(b, a)));
    }

    @Test
    void write_versionAboveSignedRange_writtenUnsigned() {
        byte[] body = ManifestDocument.write(-1L, Optional.empty(), List.of());

        assertThat(text(body)).isEqualTo("{\"bundle\":null,\"deployments\":[],\"manifestVersion\":18446744073709551615}");
    }

    @Test
    void write_idsDifferingInCase_sortedByUtf16CodeUnits() {
        byte[] body = ManifestDocument.write(2, Optional.of(new BundleRef(DB, 1)),
                List.of(new ManifestEntry("a", D1, 1), new ManifestEntry("B", D2, 1)));

        assertThat(text(body).indexOf("\"deploymentId\":\"B\"")).isLessThan(text(body).indexOf("\"deploymentId\":\"a\""));
    }

    @Test
    void write_idNeedingEscapes_escapedPerJcs() {
        String id = "q\"b\\s/\u0001\t\u007f\u00e9\ud83d\ude00";
        byte[] body = ManifestDocument.write(2, Optional.of(new BundleRef(DB, 1)), List.of(new ManifestEntry(id, D1, 1)));

        assertThat(text(body)).contains("\"deploymentId\":\"q\\\"b\\\\s/\\u0001\\t\u007f\u00e9\ud83d\ude00\"");
    }

    @Test
    void write_loneSurrogate_isRejected() {
        assertThatThrownBy(() -> ManifestDocument.write(2, Optional.of(new BundleRef(DB, 1)),
                List.of(new ManifestEntry("x\ud83d", D1, 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("string is not well-formed UTF-16 at index 1");
    }

    @Test
    void write_bundleWithoutDeployments_isRejected() {
        assertThatThrownBy(() -> ManifestDocument.write(2, Optional.of(new BundleRef(DB, 1)), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bundle must be present exactly when there are deployments");
    }

    @Test
    void write_deploymentsWithoutBundle_isRejected() {
        assertThatThrownBy(() -> ManifestDocument.write(2, Optional.empty(), List.of(new ManifestEntry("a", D1, 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bundle must be present exactly when there are deployments");
    }

    @Test
    void write_versionZero_isRejected() {
        assertThatThrownBy(() -> ManifestDocument.write(0, Optional.empty(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("manifestVersion must be in [1, 2^64-1]");
    }

    @Test
    void write_duplicateDeploymentId_isRejected() {
        assertThatThrownBy(() -> ManifestDocument.write(2, Optional.of(new BundleRef(DB, 1)),
                List.of(new ManifestEntry("a", D1, 1), new ManifestEntry("a", D2, 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("deployment id listed twice: a");
    }
}

package org.openmargo.wfm.desiredstate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BundleArchiveTest {
    private static final String ID_A = "a3e2f5dc-912e-494f-8395-52cf3769bc06";
    private static final String ID_B = "b0000000-0000-4000-8000-000000000002";
    private static final String ID_C = "C0000000-0000-4000-8000-000000000003";

    private static BundleArchive.Entry entry(String id, String yaml) {
        return new BundleArchive.Entry(id, yaml.getBytes(StandardCharsets.UTF_8));
    }

    private static List<BundleArchive.Entry> three() {
        return List.of(entry(ID_B, "id: " + ID_B + "\n"), entry(ID_A, "x".repeat(512)), entry(ID_C, "c: 1\r\n"));
    }

    @Test
    void build_sameSetInAnyOrder_sameBytesAndDigest() {
        List<BundleArchive.Entry> entries = three();
        byte[] first = BundleArchive.build(entries);
        byte[] reversed = BundleArchive.build(entries.reversed());
        byte[] rotated = BundleArchive.build(List.of(entries.get(2), entries.get(0), entries.get(1)));

        assertThat(reversed).isEqualTo(first);
        assertThat(rotated).isEqualTo(first);
        assertThat(Digest.sha256(rotated)).isEqualTo(Digest.sha256(first));
    }

    @Test
    void build_differentContent_differentDigest() {
        byte[] one = BundleArchive.build(List.of(entry(ID_A, "a: 1\n")));
        byte[] other = BundleArchive.build(List.of(entry(ID_A, "a: 2\n")));

        assertThat(Digest.sha256(one)).isNotEqualTo(Digest.sha256(other));
    }

    @Test
    void build_threeEntries_sortedByNameWithExactBytes() {
        TestTarReader.Archive archive = TestTarReader.read(BundleArchive.build(three()));

        // "C..." sorts before lower-case names: byte order, not case-insensitive order.
        assertThat(archive.entries()).extracting(e -> e.header().name())
                .containsExactly(ID_C + ".yaml", ID_A + ".yaml", ID_B + ".yaml");
        assertThat(archive.entries().get(0).data()).isEqualTo("c: 1\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(archive.entries().get(1).data()).isEqualTo("x".repeat(512).getBytes(StandardCharsets.UTF_8));
        assertThat(archive.entries().get(2).data()).isEqualTo(("id: " + ID_B + "\n").getBytes(StandardCharsets.UTF_8));
        for (TestTarReader.Entry e : archive.entries()) {
            assertThat(Digest.sha256(e.data())).isEqualTo(Digest.sha256(three().stream()
                    .filter(x -> x.fileName().equals(e.header().name())).findFirst().orElseThrow().yaml()));
        }
    }

    @Test
    void build_anyEntry_headerFieldsAreDeterministicUstar() {
        TestTarReader.Archive archive = TestTarReader.read(BundleArchive.build(three()));

        for (TestTarReader.Entry e : archive.entries()) {
            TestTarReader.Header h = e.header();
            assertThat(h.mode()).isEqualTo(0644);
            assertThat(h.uid()).isZero();
            assertThat(h.gid()).isZero();
            assertThat(h.mtime()).isZero();
            assertThat(h.size()).isEqualTo(e.data().length);
            assertThat(h.typeflag()).isEqualTo('0');
            assertThat(h.linkname()).isEmpty();
            assertThat(h.magic()).isEqualTo("ustar\0");
            assertThat(h.version()).isEqualTo("00");
            assertThat(h.uname()).isEmpty();
            assertThat(h.gname()).isEmpty();
            assertThat(h.devmajor()).isEqualTo("0000000\0");
            assertThat(h.devminor()).isEqualTo("0000000\0");
            assertThat(h.prefix()).isEmpty();
            assertThat(h.storedChecksum()).isEqualTo(h.computedChecksum());
            assertThat(h.checksumField()[6]).isZero();
            assertThat(h.checksumField()[7]).isEqualTo((byte) ' ');
        }
    }

    @Test
    void build_threeEntries_endsWithTwoZeroBlocksAndPadsData() {
        TestTarReader.Archive archive = TestTarReader.read(BundleArchive.build(three()));

        assertThat(archive.trailingZeroBlocks()).isEqualTo(2);
        // c: 6 bytes -> 1 block, x*512 -> 1 block, id line 41 bytes -> 1 block; plus 3 headers and 2 end blocks.
        assertThat(archive.totalLength()).isEqualTo(8 * 512);
    }

    @Test
    void build_anySet_gzipHeaderHasNoMtimeAndNoName() {
        byte[] gz = BundleArchive.build(three());

        assertThat(Arrays.copyOfRange(gz, 0, 3)).containsExactly(0x1f, 0x8b, 8);
        assertThat(gz[3]).as("FLG: no FNAME, FEXTRA or FCOMMENT").isZero();
        assertThat(Arrays.copyOfRange(gz, 4, 8)).as("MTIME").containsExactly(0, 0, 0, 0);
    }

    @Test
    void build_emptyList_isRejected() {
        assertThatThrownBy(() -> BundleArchive.build(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a bundle holds at least one deployment");
    }

    @Test
    void build_nameOf101Bytes_isRejected() {
        String id = "d".repeat(96);
        assertThatThrownBy(() -> BundleArchive.build(List.of(entry(id, "a: 1\n"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bundle entry name longer than 100 bytes: " + id + ".yaml");
    }

    @Test
    void build_nameOf100Bytes_isAcceptedAndReadBack() {
        String id = "d".repeat(95);
        TestTarReader.Archive archive = TestTarReader.read(BundleArchive.build(List.of(entry(id, "a: 1\n"))));

        assertThat(archive.entries()).extracting(e -> e.header().name()).containsExactly(id + ".yaml");
    }

    @Test
    void build_idWithSlash_isRejected() {
        assertThatThrownBy(() -> BundleArchive.build(List.of(entry("../etc", "a: 1\n"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bundle entry name must be printable ASCII without '/': ../etc.yaml");
    }

    @Test
    void build_duplicateId_isRejected() {
        assertThatThrownBy(() -> BundleArchive.build(List.of(entry(ID_A, "a: 1\n"), entry(ID_A, "a: 2\n"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("deployment listed twice: " + ID_A);
    }

    @Test
    void build_emptyYaml_entryOfSizeZeroWithoutDataBlock() {
        TestTarReader.Archive archive = TestTarReader.read(BundleArchive.build(List.of(entry(ID_A, ""))));

        assertThat(archive.entries().get(0).header().size()).isZero();
        assertThat(archive.totalLength()).isEqualTo(3 * 512);
    }
}

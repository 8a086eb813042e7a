package org.openmargo.agent.tar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TarArchiveTest {
    private static final TarLimits DEFAULTS = TarLimits.defaults();

    private static List<TarEntry> read(byte[] gzip) throws TarException {
        return TarArchive.readGzip(gzip, DEFAULTS);
    }

    private static void assertRejected(byte[] gzip, String message) {
        assertThatThrownBy(() -> read(gzip)).isInstanceOf(TarException.class).hasMessage(message);
    }

    @Test
    void readGzip_flatBundle_returnsEntriesInOrder() throws Exception {
        List<TarEntry> entries = read(new TestTar().file("a3e2f5dc.yaml", "id: a\n").file("b.yaml", "")
                .file("dir/c.yaml", "x".repeat(513)).end().gzip());
        assertThat(entries).extracting(TarEntry::name).containsExactly("a3e2f5dc.yaml", "b.yaml", "dir/c.yaml");
        assertThat(new String(entries.get(0).content(), StandardCharsets.UTF_8)).isEqualTo("id: a\n");
        assertThat(entries.get(1).content()).isEmpty();
        assertThat(entries.get(2).content()).hasSize(513);
    }

    @Test
    void readGzip_paxLongName_usesPaxPath() throws Exception {
        String longName = "n".repeat(150) + ".yaml";
        List<TarEntry> entries = read(new TestTar().paxPath(longName).file("truncated", "c").end().gzip());
        assertThat(entries).extracting(TarEntry::name).containsExactly(longName);
    }

    @Test
    void readGzip_gnuBlockingPadding_accepted() throws Exception {
        byte[] tar = new TestTar().file("a.yaml", "a").end().tar();
        assertThat(read(TestTar.gzip(Arrays.copyOf(tar, 10240)))).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../etc/passwd", "a/../../b", "/etc/passwd", "a\\b.yaml", "a/.."})
    void readGzip_unsafeName_rejected(String name) {
        assertRejected(new TestTar().file(name, "x").end().gzip(),
                "unsafe entry name \"" + name + "\" at offset 0");
    }

    @ParameterizedTest
    @CsvSource({"1, hard link", "2, symbolic link", "3, character device", "4, block device", "5, directory",
        "6, FIFO", "L, type 'L'", "g, type 'g'"})
    void readGzip_nonRegularEntry_rejected(char type, String kind) {
        byte[] tar = new TestTar().file("ok.yaml", "a").entry("x", (byte) type, new byte[0]).end().tar();
        assertRejected(TestTar.gzip(tar), "unsupported entry (" + kind + ") at offset 1024");
    }

    @Test
    void readGzip_entryOverLimit_rejectedBeforeReadingData() {
        TarLimits limits = new TarLimits(10, 100, 1000);
        byte[] gzip = new TestTar().raw(TestTar.header("big.yaml", (byte) '0', 1L << 32)).gzip();
        assertThatThrownBy(() -> TarArchive.readGzip(gzip, limits))
                .hasMessage("entry big.yaml of 4294967296 bytes exceeds the size limits");
    }

    @Test
    void readGzip_totalOverLimit_rejected() {
        TarLimits limits = new TarLimits(10, 100, 150);
        byte[] gzip = new TestTar().file("a", "x".repeat(100)).file("b", "x".repeat(51)).end().gzip();
        assertThatThrownBy(() -> TarArchive.readGzip(gzip, limits))
                .hasMessage("entry b of 51 bytes exceeds the size limits");
    }

    @Test
    void readGzip_tooManyEntries_rejected() {
        TarLimits limits = new TarLimits(2, 100, 1000);
        byte[] gzip = new TestTar().file("a", "").file("b", "").file("c", "").end().gzip();
        assertThatThrownBy(() -> TarArchive.readGzip(gzip, limits)).hasMessage("more than 2 entries at offset 1024");
    }

    @Test
    void readGzip_truncatedHeader_rejected() {
        byte[] tar = new TestTar().file("a.yaml", "a").end().tar();
        assertRejected(TestTar.gzip(Arrays.copyOf(tar, 300)), "truncated header at offset 0");
    }

    @Test
    void readGzip_truncatedData_rejected() {
        byte[] tar = new TestTar().file("a.yaml", "x".repeat(700)).end().tar();
        assertRejected(TestTar.gzip(Arrays.copyOf(tar, 512 + 600)), "truncated data at offset 512");
    }

    @Test
    void readGzip_missingEndBlock_rejected() {
        assertRejected(new TestTar().file("a.yaml", "a").gzip(),
                "archive ends without an end-of-archive block at offset 1024");
    }

    @Test
    void readGzip_badChecksum_rejected() {
        byte[] tar = new TestTar().file("a.yaml", "a").end().tar();
        tar[0] = 'b';
        assertRejected(TestTar.gzip(tar), "header checksum mismatch at offset 0");
    }

    @Test
    void readGzip_garbageAfterEndBlock_rejected() {
        byte[] tar = new TestTar().file("a.yaml", "a").end().raw(new byte[] {0, 0, 7}).tar();
        assertRejected(TestTar.gzip(tar), "non-zero data after the end-of-archive block at offset 2050");
    }

    @Test
    void readGzip_gzipBombOfZeros_stopsAtExpansionCap() {
        byte[] bomb = TestTar.gzip(new byte[64 * 1024 * 1024]);
        assertThat(bomb.length).isLessThan(100_000);
        long started = System.nanoTime();
        assertRejected(bomb, "gzip stream expands beyond " + DEFAULTS.maxDecompressedBytes() + " bytes");
        assertThat(System.nanoTime() - started).isLessThan(2_000_000_000L);
    }

    @Test
    void readGzip_gzipTruncated_rejected() {
        byte[] gzip = new TestTar().file("a.yaml", "a").end().gzip();
        assertRejected(Arrays.copyOf(gzip, gzip.length - 4), "truncated gzip trailer");
        assertRejected(Arrays.copyOf(gzip, 20), "truncated gzip stream");
    }

    @Test
    void readGzip_gzipTrailingBytesOrBadCrc_rejected() {
        byte[] gzip = new TestTar().file("a.yaml", "a").end().gzip();
        byte[] trailing = Arrays.copyOf(gzip, gzip.length + 1);
        assertRejected(trailing, "unexpected data after the gzip stream");
        byte[] badCrc = gzip.clone();
        badCrc[gzip.length - 8] ^= 1;
        assertRejected(badCrc, "gzip trailer does not match the data");
        assertRejected(new byte[] {1, 2, 3}, "not a gzip stream");
    }
}

package org.openmargo.agent.tar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openmargo.agent.json.Mutations;

class TarFuzzTest {
    private static final int MUTANTS_PER_SEED = 1_000;
    private static final Duration PER_INPUT = Duration.ofMillis(300);
    private static final TarLimits LIMITS = new TarLimits(20, 64 * 1024, 256 * 1024);

    private static final List<byte[]> SEEDS = List.of(
            new TestTar().file("a3e2f5dc.yaml", "id: a3e2f5dc\nspec: {}\n").file("b.yaml", "x".repeat(600)).end().tar(),
            new TestTar().paxPath("p".repeat(120) + ".yaml").file("short", "c").end().tar());

    @Test
    void readGzip_mutatedTarsAndGzips_eitherSucceedOrThrowTarException() {
        Mutations mutations = new Mutations(new Random(20261003L));
        int read = 0;
        for (byte[] seed : SEEDS) {
            byte[] gzip = TestTar.gzip(seed);
            for (int i = 0; i < MUTANTS_PER_SEED; i++) {
                // Mutating the tar before compressing reaches the tar reader; mutating the gzip reaches the inflater.
                read += readWithinBound(TestTar.gzip(mutations.mutate(seed))) ? 1 : 0;
                read += readWithinBound(mutations.mutate(gzip)) ? 1 : 0;
            }
        }
        assertThat(read).as("some mutants must still be valid bundles").isPositive();
    }

    private static boolean readWithinBound(byte[] input) {
        return assertTimeoutPreemptively(PER_INPUT, () -> {
            try {
                TarArchive.readGzip(input, LIMITS);
                return true;
            } catch (TarException expected) {
                return false;
            } catch (Throwable unexpected) {
                throw new AssertionError("input (base64) " + Base64.getEncoder().encodeToString(input), unexpected);
            }
        }, () -> "timed out on input (base64) " + Base64.getEncoder().encodeToString(input));
    }
}

package org.openmargo.agent.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openmargo.agent.json.Mutations;

class YamlFuzzTest {
    private static final int MUTANTS_PER_SEED = 1_500;
    private static final Duration PER_INPUT = Duration.ofMillis(300);

    private static final List<String> SEEDS = List.of(
            YamlParseTest.HELM_DEPLOYMENT,
            YamlParseTest.COMPOSE_DEPLOYMENT,
            "k: |-\n  a\n    b\n\n  c\nf: >\n  x\n  y\nq: \"\\x41\\u00e9\\U0001F600\"\ns: 'it''s'\nl: [a, {b: [1, 2.5e3]}]\n");

    @Test
    void parse_mutatedSeeds_eitherSucceedsOrThrowsYamlParseException() {
        Mutations mutations = new Mutations(new Random(20261002L));
        int parsed = 0;
        for (String seed : SEEDS) {
            byte[] bytes = seed.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < MUTANTS_PER_SEED; i++) {
                parsed += parseWithinBound(mutations.mutate(bytes)) ? 1 : 0;
            }
        }
        assertThat(parsed).as("some mutants must still be in the subset").isPositive();
    }

    private static boolean parseWithinBound(byte[] input) {
        return assertTimeoutPreemptively(PER_INPUT, () -> {
            try {
                Yaml.parse(input);
                return true;
            } catch (YamlParseException expected) {
                return false;
            } catch (Throwable unexpected) {
                throw new AssertionError("input (base64) " + Base64.getEncoder().encodeToString(input), unexpected);
            }
        }, () -> "timed out on input (base64) " + Base64.getEncoder().encodeToString(input));
    }
}

package org.openmargo.agent.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonFuzzTest {
    private static final int MUTANTS_PER_SEED = 1_500;
    private static final Duration PER_INPUT = Duration.ofMillis(300);

    private static final List<String> SEEDS = List.of(
            """
            {"manifestVersion":18446744073709551615,"bundle":{"mediaType":"application/vnd.margo.bundle.v1+tar+gzip",
             "digest":"sha256:b5c6","url":"/api/v1/bundles/sha256:b5c6","sizeBytes":1024},
             "deployments":[{"deploymentId":"a3e2f5dc-912e-494f-8395-52cf3769bc06","digest":"sha256:a4e0",
             "url":"/api/v1/deployments/a3e2f5dc/sha256:a4e0"}]}
            """,
            """
            {"type":"https://margo.org/problems#semantic-error","title":"Bad","status":422,
             "errors":[{"pointer":"/properties/id","detail":"\\u00e9\\ud83d\\ude00 \\"x\\" \\\\ \\n"}]}
            """,
            """
            {"keys":[{"kty":"EC","crv":"P-256","x":"f83O","y":"x_FE","use":"x509-svid","x5c":["MIIB"]}],
             "spiffe_refresh_hint":-1.5e+3,"spiffe_sequence":0,"ok":true,"no":false,"n":null,"nested":[[[[]]]]}
            """);

    @Test
    void parse_mutatedSeeds_eitherSucceedsOrThrowsJsonParseException() {
        Random random = new Random(20261001L);
        Mutations mutations = new Mutations(random);
        int parsed = 0;
        for (String seed : SEEDS) {
            byte[] bytes = seed.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < MUTANTS_PER_SEED; i++) {
                parsed += parseWithinBound(mutations.mutate(bytes)) ? 1 : 0;
            }
        }
        assertThat(parsed).as("some mutants must still be valid JSON").isPositive();
    }

    private static boolean parseWithinBound(byte[] input) {
        return assertTimeoutPreemptively(PER_INPUT, () -> {
            try {
                Json.parse(input);
                return true;
            } catch (JsonParseException expected) {
                return false;
            } catch (Throwable unexpected) {
                throw new AssertionError("input (base64) " + Base64.getEncoder().encodeToString(input), unexpected);
            }
        }, () -> "timed out on input (base64) " + Base64.getEncoder().encodeToString(input));
    }
}

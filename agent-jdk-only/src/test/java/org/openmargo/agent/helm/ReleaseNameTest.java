package org.openmargo.agent.helm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReleaseNameTest {
    private static final String ID = "6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b";
    private static final String OTHER_ID = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    // Helm's release-name rule: a lower-case DNS-1123 subdomain of at most 53 characters (we also keep out dots).
    private static final String VALID = "[a-z]([-a-z0-9]*[a-z0-9])?";

    @Test
    void of_plainNames_isReadableWithHashSuffix() {
        assertThat(ReleaseName.of(ID, "shop", "web")).matches("shop-web-[0-9a-f]{8}");
    }

    @Test
    void of_sameInputs_isStable() {
        assertThat(ReleaseName.of(ID, "shop", "web")).isEqualTo(ReleaseName.of(ID, "shop", "web"))
                .isEqualTo("shop-web-" + ReleaseName.of(ID, "shop", "web").substring(9));
    }

    @Test
    void of_sameNamesOtherDeployment_differs() {
        assertThat(ReleaseName.of(ID, "shop", "web")).isNotEqualTo(ReleaseName.of(OTHER_ID, "shop", "web"));
    }

    @Test
    void of_clashingReadableParts_differ() {
        assertThat(ReleaseName.of(ID, "a-b", "c")).startsWith("a-b-c-").isNotEqualTo(ReleaseName.of(ID, "a", "b-c"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Shop_Floor.Line 1|Web.API|shop-floor-line-1-web-api-",
        "---shop---|--web--|shop-web-",
        "9shop|db|m-9shop-db-",
        "ÄÖÜ|ß|m-",
        "shop|x|shop-x-",
    })
    void of_oddCharacters_isValid(String deployment, String component, String prefix) {
        String name = ReleaseName.of(ID, deployment, component);

        assertThat(name).startsWith(prefix).matches(VALID).hasSizeLessThanOrEqualTo(53)
                .matches(".*-[0-9a-f]{8}");
    }

    @Test
    void of_longNames_isCutTo53WithoutTrailingDash() {
        String name = ReleaseName.of(ID, "a".repeat(43) + "-bbbbbbb", "component-with-a-long-name");

        assertThat(name).hasSize(52).matches(VALID).startsWith("a".repeat(43) + "-")
                .doesNotContain("--").matches("a{43}-[0-9a-f]{8}");
    }

    @Test
    void of_exactlyFittingNames_keepsAll53() {
        String name = ReleaseName.of(ID, "d".repeat(20), "c".repeat(23));

        assertThat(name).hasSize(53).startsWith("d".repeat(20) + "-" + "c".repeat(23) + "-").matches(VALID);
    }
}

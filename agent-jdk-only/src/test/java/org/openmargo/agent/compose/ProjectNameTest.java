package org.openmargo.agent.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.openmargo.agent.runtime.DeploymentSpec;

class ProjectNameTest {
    private static final String COMPOSE_RULE = "[a-z0-9][a-z0-9_-]*";

    @Test
    void of_readableName_isLowerCasedNamePlusEightHexOfTheIdHash() {
        assertThat(ProjectName.of(deployment("Shop Floor/Line 1", Deployments.ID)))
                .isEqualTo("shop-floor-line-1-8a984a44");
    }

    @Test
    void of_sameIdNewName_keepsTheHashAndOtherIdChangesIt() {
        String one = ProjectName.of(deployment("app", Deployments.ID));
        String other = ProjectName.of(deployment("app", "0b7a3c1e-5d2f-4e6a-8c9b-1a2b3c4d5e6f"));

        assertThat(one).isEqualTo(ProjectName.of(deployment("app", Deployments.ID))).isNotEqualTo(other);
    }

    @Test
    void of_nameWithoutUsableCharactersOrTooLong_stillMatchesComposeRule() {
        assertThat(ProjectName.of(deployment("__--ÄÖ..", Deployments.ID))).matches(COMPOSE_RULE)
                .startsWith("margo-");
        assertThat(ProjectName.of(deployment("_x".repeat(60), Deployments.ID))).matches(COMPOSE_RULE)
                .hasSize(ProjectName.MAX_NAME + 9);
    }

    @Test
    void defaults_areDockerComposeKeepingVolumes() {
        ComposeSettings defaults = ComposeSettings.defaults();

        assertThat(defaults.command()).containsExactly("docker", "compose");
        assertThat(defaults.removeVolumesOnRemoval()).isFalse();
        assertThat(defaults.commandGrace()).isEqualTo(Duration.ofSeconds(15));
    }

    private static DeploymentSpec deployment(String name, String id) {
        return new DeploymentSpec(id, name, Optional.empty(), "device-1", DeploymentSpec.ProfileType.COMPOSE,
                List.of(Deployments.component("db", "1.0.0", true)), java.util.Map.of());
    }
}

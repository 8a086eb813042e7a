package org.openmargo.agent;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** What every onboarding end-to-end test starts from: a fresh {@link OnboardingRig} in its own directory, closed after. */
abstract class OnboardingScenario {
    @TempDir
    Path dir;
    OnboardingRig rig;

    @BeforeEach
    void startFreshWfm() throws IOException {
        rig = new OnboardingRig(dir);
    }

    @AfterEach
    void stopWfm() {
        rig.close();
    }
}

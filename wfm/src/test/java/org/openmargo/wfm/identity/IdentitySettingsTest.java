package org.openmargo.wfm.identity;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class IdentitySettingsTest {
    private static final Path FILE = Path.of("x");

    @Test
    void create_validValues_succeeds() {
        assertThatCode(() -> settings("example.org", "wfm~1", Duration.ofSeconds(1))).doesNotThrowAnyException();
        assertThatCode(() -> settings("example.org", "w", Duration.ofHours(24))).doesNotThrowAnyException();
    }

    @Test
    void create_upperCaseTrustDomain_fails() {
        assertThatThrownBy(() -> settings("Example.org", "w", Duration.ofMinutes(5)))
                .hasMessageStartingWith("trust-domain 'Example.org'");
    }

    @Test
    void create_badWfmId_fails() {
        assertThatThrownBy(() -> settings("example.org", "..", Duration.ofMinutes(5)))
                .hasMessageStartingWith("wfm-id '..'");
        assertThatThrownBy(() -> settings("example.org", "a/b", Duration.ofMinutes(5)))
                .hasMessageStartingWith("wfm-id 'a/b'");
    }

    @Test
    void create_sessionLifetimeOutOfRange_fails() {
        assertThatThrownBy(() -> settings("example.org", "w", Duration.ofMillis(999)))
                .hasMessageContaining("between 1s and 24h");
        assertThatThrownBy(() -> settings("example.org", "w", Duration.ofHours(24).plusSeconds(1)))
                .hasMessageContaining("between 1s and 24h");
    }

    private static IdentitySettings settings(String trustDomain, String wfmId, Duration session) {
        return new IdentitySettings(trustDomain, wfmId, FILE, false, session, Duration.ofSeconds(30),
                false);
    }
}

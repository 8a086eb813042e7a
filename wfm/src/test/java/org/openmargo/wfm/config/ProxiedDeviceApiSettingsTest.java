package org.openmargo.wfm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;

/** {@code wfm.proxied-device-api.*}: off by default, and when on, a proxy fingerprint or a config error naming it. */
class ProxiedDeviceApiSettingsTest {
    private static final String PIN = "sha256:" + "0f".repeat(32);

    private static WfmSettings settings(Map<String, String> values) {
        return WfmSettings.from(Config.just(ConfigSources.create(values)), "test.yaml");
    }

    @Test
    void from_nothingSet_disabled() {
        assertThat(settings(Map.of()).proxiedDeviceApi()).isEmpty();
        assertThat(settings(Map.of()).cacheShortTtl()).hasSeconds(1);
    }

    @Test
    void from_enabledWithPins_loopbackListenerWithThosePins() {
        ProxiedDeviceApiSettings p = settings(Map.of("wfm.proxied-device-api.enabled", "true",
                "wfm.proxied-device-api.proxy-fingerprints", PIN + " , " + PIN.replace("0f", "1e")))
                .proxiedDeviceApi().orElseThrow();

        assertThat(p.host()).isEqualTo("127.0.0.1");
        assertThat(p.port()).isEqualTo(8445);
        assertThat(p.proxyFingerprints()).isEqualTo(Set.of(PIN, PIN.replace("0f", "1e")));
    }

    @Test
    void from_enabledWithoutPins_configErrorNamingTheKey() {
        assertThatThrownBy(() -> settings(Map.of("wfm.proxied-device-api.enabled", "true")))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("wfm.proxied-device-api.proxy-fingerprints");
    }

    @Test
    void from_malformedPin_configErrorNamingTheKeyAndValue() {
        assertThatThrownBy(() -> settings(Map.of("wfm.proxied-device-api.enabled", "true",
                "wfm.proxied-device-api.proxy-fingerprints", "AB:CD")))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("wfm.proxied-device-api.proxy-fingerprints")
                .hasMessageContaining("AB:CD");
    }
}

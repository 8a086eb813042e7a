package org.openmargo.wfm.config;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The optional "proxied device API" listener ({@code wfm.proxied-device-api.*}, docs/deployment.md): the device API
 * for a TLS-terminating proxy that forwards the device certificate per RFC 9440. Off unless {@code enabled}.
 *
 * @param host              bind address (loopback by default)
 * @param port              TCP port
 * @param proxyFingerprints the {@code sha256:<hex>} fingerprints of the certificates the proxy presents as a TLS
 *                          client; at least one
 */
public record ProxiedDeviceApiSettings(String host, int port, Set<String> proxyFingerprints) {
    private static final Pattern FINGERPRINT = Pattern.compile("sha256:[0-9a-f]{64}");

    public ProxiedDeviceApiSettings {
        proxyFingerprints = Set.copyOf(proxyFingerprints);
    }

    static Optional<ProxiedDeviceApiSettings> read(Values v) {
        if (!v.bool("wfm.proxied-device-api.enabled", false)) {
            return Optional.empty();
        }
        String key = "wfm.proxied-device-api.proxy-fingerprints";
        String raw = v.text(key).orElseThrow(() -> v.fail(key, "",
                "one or more comma-separated sha256:<64 lower-case hex> fingerprints of the proxy's client "
                        + "certificate (required when wfm.proxied-device-api.enabled is true)"));
        Set<String> fingerprints = new LinkedHashSet<>();
        for (String f : Arrays.stream(raw.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()) {
            if (!FINGERPRINT.matcher(f).matches()) {
                throw v.fail(key, f, "sha256:<64 lower-case hex>, the SHA-256 of the proxy certificate's DER");
            }
            fingerprints.add(f);
        }
        if (fingerprints.isEmpty()) {
            throw v.fail(key, raw, "at least one sha256:<64 lower-case hex> fingerprint");
        }
        return Optional.of(new ProxiedDeviceApiSettings(
                v.text("wfm.proxied-device-api.host", "127.0.0.1"),
                v.integer("wfm.proxied-device-api.port", 8445, 0, 65535),
                fingerprints));
    }
}

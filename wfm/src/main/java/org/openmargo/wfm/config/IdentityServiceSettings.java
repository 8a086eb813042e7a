package org.openmargo.wfm.config;

import org.openmargo.wfm.identity.ClientId;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and validates the {@code wfm.identity-service.*} keys. */
final class IdentityServiceSettings {
    private static final String PREFIX = "wfm.identity-service.";
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?i)(\\*\\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final int MIN_PASSPHRASE = 12;

    private IdentityServiceSettings() {
    }

    static WfmSettings.IdentityService read(Values v, Path cwd, boolean externalMis) {
        boolean enabled = v.bool(PREFIX + "enabled", true);
        if (!enabled && !externalMis) {
            throw new ConfigError("key '" + PREFIX + "enabled' is false but no external identity material is "
                    + "configured: set 'wfm.identity.trust-bundle', 'wfm.identity.certificate' and "
                    + "'wfm.identity.private-key' (an external Margo Identity Service), or leave the built-in one on");
        }
        String algorithm = v.text(PREFIX + "algorithm", "ES256");
        if (!WfmSettings.IdentityService.ALGORITHMS.contains(algorithm)) {
            throw v.fail(PREFIX + "algorithm", algorithm, "one of " + WfmSettings.IdentityService.ALGORITHMS);
        }
        Optional<String> passphrase = v.text(PREFIX + "ca-key-passphrase");
        if (passphrase.isPresent() && passphrase.get().length() < MIN_PASSPHRASE) {
            throw new ConfigError("key '" + PREFIX + "ca-key-passphrase': expected at least " + MIN_PASSPHRASE
                    + " characters (the value is not shown)");
        }
        Optional<Path> caCertificate = v.path(PREFIX + "ca-certificate", cwd);
        Optional<Path> caKey = v.path(PREFIX + "ca-private-key", cwd);
        together(caCertificate, caKey, "ca-certificate", "ca-private-key");
        Optional<Path> tlsCertificate = v.path(PREFIX + "tls-certificate", cwd);
        Optional<Path> tlsKey = v.path(PREFIX + "tls-private-key", cwd);
        together(tlsCertificate, tlsKey, "tls-certificate", "tls-private-key");
        return new WfmSettings.IdentityService(enabled && !externalMis,
                v.text(PREFIX + "host", "0.0.0.0"),
                v.integer(PREFIX + "port", 8444, 0, 65535),
                publicUrl(v),
                algorithm,
                v.duration(PREFIX + "ca-lifetime", Duration.ofDays(3650), Duration.ofDays(1), Duration.ofDays(36500)),
                v.duration(PREFIX + "client-svid-lifetime", Duration.ofDays(30), Duration.ofHours(1),
                        Duration.ofDays(365)),
                v.duration(PREFIX + "wfm-svid-lifetime", Duration.ofDays(1), Duration.ofSeconds(6),
                        Duration.ofDays(30)),
                v.duration(PREFIX + "bundle-refresh-hint", Duration.ofHours(1), Duration.ofSeconds(1),
                        Duration.ofDays(7)),
                passphrase, caCertificate, caKey, tlsNames(v), tlsCertificate, tlsKey, demoClients(v));
    }

    private static void together(Optional<Path> a, Optional<Path> b, String keyA, String keyB) {
        if (a.isPresent() != b.isPresent()) {
            throw new ConfigError("keys '" + PREFIX + keyA + "' and '" + PREFIX + keyB + "' must be given together");
        }
    }

    private static Optional<URI> publicUrl(Values v) {
        String key = PREFIX + "public-url";
        Optional<String> raw = v.text(key);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(raw.get().endsWith("/") ? raw.get().substring(0, raw.get().length() - 1) : raw.get());
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getRawQuery() != null
                    || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw v.fail(key, raw.get(), "an https URL with a host and no query, fragment or user info");
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            throw v.fail(key, raw.get(), "an https URL such as https://wfm.example:8444");
        }
    }

    private static List<String> tlsNames(Values v) {
        String key = PREFIX + "tls-names";
        Optional<String> raw = v.text(key);
        Set<String> names = new LinkedHashSet<>();
        if (raw.isEmpty()) {
            names.add("localhost");
            names.add("127.0.0.1");
            hostName().ifPresent(names::add);
            return List.copyOf(names);
        }
        for (String name : raw.get().split(",")) {
            String n = name.trim();
            if (!isIpAddress(n) && !(DNS_NAME.matcher(n).matches() && n.length() <= 253)) {
                throw v.fail(key, raw.get(), "a comma-separated list of DNS names and IP addresses ('" + n
                        + "' is neither)");
            }
            names.add(n);
        }
        return List.copyOf(names);
    }

    /** Whether {@code text} is an IPv4 or IPv6 literal; never resolves a name. */
    static boolean isIpAddress(String text) {
        var m = IPV4.matcher(text);
        if (m.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(m.group(i)) > 255) {
                    return false;
                }
            }
            return true;
        }
        if (!text.contains(":") || !text.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            InetAddress.getByName(text);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Optional<String> hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName().toLowerCase(java.util.Locale.ROOT);
            return DNS_NAME.matcher(name).matches() && !isIpAddress(name) ? Optional.of(name) : Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static List<String> demoClients(Values v) {
        String key = PREFIX + "demo-client";
        Optional<String> raw = v.text(key);
        List<String> ids = new ArrayList<>();
        if (raw.isEmpty()) {
            return List.of();
        }
        for (String id : raw.get().split(",")) {
            String c = id.trim();
            if (!ClientId.isValid(c)) {
                throw v.fail(key, raw.get(), "a comma-separated list of client ids (1-200 RFC 3986 unreserved "
                        + "characters, not '.' or '..')");
            }
            ids.add(c);
        }
        return List.copyOf(ids);
    }
}

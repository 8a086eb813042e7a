package org.openmargo.agent.oci;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonParseException;
import org.openmargo.agent.json.JsonValue;

/**
 * Reads the registry credentials of a Docker {@code config.json}: the {@code auths} map, whose keys are registry hosts
 * (optionally written as URLs such as {@code https://index.docker.io/v1/}) and whose entries hold either {@code auth}
 * (Base64 of {@code user:password}) or {@code username} and {@code password}. Credential stores and helpers
 * ({@code credsStore}, {@code credHelpers}) run external programs and are not used. Stateless.
 */
public final class DockerConfigFile {
    /** A Docker config file is small; anything larger is refused rather than read. */
    static final long MAX_BYTES = 1024 * 1024;

    private DockerConfigFile() {
    }

    /**
     * The credentials in {@code file}, by registry host[:port] ({@code docker.io} for Docker Hub's keys).
     *
     * @throws IOException when the file cannot be read, is too large, is not JSON or an entry is malformed; the
     *                     message names the file and the entry, never a secret
     */
    public static Map<String, Credentials> read(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException(file + ": larger than " + MAX_BYTES + " bytes");
        }
        JsonValue root;
        try {
            root = Json.parse(Files.readAllBytes(file));
        } catch (JsonParseException e) {
            throw new IOException(file + ": not JSON: " + e.getMessage(), e);
        }
        if (!(root instanceof JsonObject object)) {
            throw new IOException(file + ": not a JSON object");
        }
        Map<String, Credentials> credentials = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> entry : object.object("auths").map(JsonObject::members)
                .orElse(Map.of()).entrySet()) {
            if (!(entry.getValue() instanceof JsonObject auth)) {
                throw new IOException(file + ": auths entry " + entry.getKey() + " is not an object");
            }
            try {
                entry(auth).ifPresent(c -> credentials.put(host(entry.getKey()), c));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": auths entry " + entry.getKey() + ": " + e.getMessage(), e);
            }
        }
        return credentials;
    }

    private static java.util.Optional<Credentials> entry(JsonObject auth) {
        if (auth.string("auth").isPresent()) {
            String decoded = new String(Base64.getDecoder().decode(auth.string("auth").get().strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("auth is not Base64 of user:password");
            }
            return java.util.Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
        }
        if (auth.string("username").isPresent() && auth.string("password").isPresent()) {
            return java.util.Optional.of(new Credentials(auth.string("username").get(),
                    auth.string("password").get()));
        }
        return java.util.Optional.empty();
    }

    /** {@code https://index.docker.io/v1/} → {@code docker.io}; {@code http://host:5000/x} → {@code host:5000}. */
    static String host(String key) {
        String host = key.toLowerCase(Locale.ROOT).replaceFirst("^[a-z]+://", "");
        int slash = host.indexOf('/');
        host = slash < 0 ? host : host.substring(0, slash);
        return switch (host) {
            case "index.docker.io", "registry-1.docker.io" -> "docker.io";
            default -> host;
        };
    }
}

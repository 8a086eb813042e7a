package org.openmargo.agent.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The durable state of the agent (digest c.5, c.7 step 11): the accepted manifest with its version and ETag, the
 * desired set and what is applied. An immutable value; {@link StateStore} persists it.
 *
 * <p>Desired and applied entries reference ApplicationDeployment YAMLs by digest. {@link #yamls()} holds the verified
 * bytes that are available; a referenced digest without bytes is "not yet fetched" ({@link #missingYamls()}) and the
 * sync step fetches it again. Entries of {@code yamls} that nothing references are dropped on construction.
 *
 * @param manifest the last accepted manifest, empty before the first sync (then the version check is skipped)
 * @param desired deploymentId to the digest the accepted manifest wants
 * @param applied deploymentId to what the reconciler last did for it
 * @param yamls digest to verified YAML bytes
 */
public record AgentState(Optional<Manifest> manifest, Map<String, Desired> desired, Map<String, Applied> applied,
        Map<String, Blob> yamls) {

    public AgentState {
        Objects.requireNonNull(manifest, "manifest");
        desired = Map.copyOf(desired);
        applied = Map.copyOf(applied);
        Set<String> referenced = referenced(desired, applied);
        Map<String, Blob> kept = new LinkedHashMap<>();
        yamls.forEach((digest, blob) -> {
            if (referenced.contains(digest)) {
                kept.put(digest, blob);
            }
        });
        yamls = Map.copyOf(kept);
    }

    /** Returns the state of a fresh agent: nothing accepted, nothing desired, nothing applied. */
    public static AgentState empty() {
        return new AgentState(Optional.empty(), Map.of(), Map.of(), Map.of());
    }

    /** Returns this state with {@code manifest} as the accepted manifest. */
    public AgentState withManifest(Manifest accepted) {
        return new AgentState(Optional.of(accepted), desired, applied, yamls);
    }

    /** Returns this state with {@code next} as the whole desired set; YAMLs of dropped entries stay while applied. */
    public AgentState withDesired(Map<String, Desired> next) {
        return new AgentState(manifest, next, applied, yamls);
    }

    /** Returns this state with the verified YAML added; ignored unless desired or applied reference its digest. */
    public AgentState withYaml(Blob yaml) {
        Map<String, Blob> next = new LinkedHashMap<>(yamls);
        next.put(yaml.digest(), yaml);
        return new AgentState(manifest, desired, applied, next);
    }

    /** Returns this state with {@code entry} as what is applied for {@code deploymentId}. */
    public AgentState withApplied(String deploymentId, Applied entry) {
        Map<String, Applied> next = new LinkedHashMap<>(applied);
        next.put(deploymentId, entry);
        return new AgentState(manifest, desired, next, yamls);
    }

    /** Returns this state with nothing applied for {@code deploymentId} (its removal is complete). */
    public AgentState withoutApplied(String deploymentId) {
        Map<String, Applied> next = new LinkedHashMap<>(applied);
        next.remove(deploymentId);
        return new AgentState(manifest, desired, next, yamls);
    }

    /** Returns the verified YAML of that digest, if available. */
    public Optional<Blob> yaml(String digest) {
        return Optional.ofNullable(yamls.get(digest));
    }

    /** Returns the digests that desired or applied entries reference but whose YAML is not available, sorted. */
    public Set<String> missingYamls() {
        Set<String> missing = new TreeSet<>(referenced(desired, applied));
        missing.removeAll(yamls.keySet());
        return missing;
    }

    private static Set<String> referenced(Map<String, Desired> desired, Map<String, Applied> applied) {
        Set<String> digests = new TreeSet<>();
        desired.values().forEach(d -> digests.add(d.digest()));
        applied.values().forEach(a -> digests.add(a.digest()));
        return digests;
    }

    /**
     * The last accepted State Manifest.
     *
     * @param version its {@code manifestVersion}, an unsigned 64-bit value (compare with {@link Long#compareUnsigned})
     * @param etag the ETag it was served with, exactly as received (quoted)
     * @param body its raw bytes; empty only if the file was lost or damaged outside the agent (then poll without
     *             {@code If-None-Match} to get the body again; the version still guards against rollback)
     */
    public record Manifest(long version, String etag, Optional<Blob> body) {
        public Manifest {
            Objects.requireNonNull(etag, "etag");
            Objects.requireNonNull(body, "body");
        }
    }

    /**
     * One entry of the desired set.
     *
     * @param digest the {@code sha256:<hex>} digest of the ApplicationDeployment YAML
     * @param adoptedManifestVersion the manifest version in which this digest first appeared (digest d.4)
     */
    public record Desired(String digest, long adoptedManifestVersion) {
        public Desired {
            Blob.requireDigest(digest);
        }
    }

    /**
     * What the reconciler last did for one deployment.
     *
     * @param digest the digest of the YAML it applied (or is removing)
     * @param adoptedManifestVersion the version reported with it (digest d.4)
     * @param components one entry per component of that YAML, in listed order
     */
    public record Applied(String digest, long adoptedManifestVersion, List<ComponentStatus> components) {
        public Applied {
            Blob.requireDigest(digest);
            components = List.copyOf(components);
        }
    }

    /**
     * Bytes with their SHA-256 digest. Equality is by content.
     *
     * @param digest {@code sha256:} followed by 64 lower-case hex digits, the SHA-256 of {@code bytes}
     * @param bytes the content (copied in and out)
     */
    public record Blob(String digest, byte[] bytes) {
        /** @throws IllegalArgumentException if the digest is malformed or is not the SHA-256 of the bytes */
        public Blob {
            requireDigest(digest);
            bytes = bytes.clone();
            if (!digest.equals(sha256(bytes))) {
                throw new IllegalArgumentException("bytes do not match " + digest);
            }
        }

        /** Returns a blob of those bytes, computing the digest. */
        public static Blob of(byte[] bytes) {
            return new Blob(sha256(bytes), bytes);
        }

        /** Returns a blob of that UTF-8 text. */
        public static Blob ofUtf8(String text) {
            return of(text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        /** Returns the 64 hex digits of the digest: the blob's file name without extension. */
        public String hex() {
            return digest.substring("sha256:".length());
        }

        /** Returns {@code sha256:<hex>} of the bytes. */
        public static String sha256(byte[] bytes) {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
                return "sha256:" + HexFormat.of().formatHex(hash);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }

        static String requireDigest(String digest) {
            if (!isDigest(digest)) {
                throw new IllegalArgumentException("not a sha256 digest: " + digest);
            }
            return digest;
        }

        /** {@code sha256:} and 64 lower-case hex digits; a hand check, as it runs for every desired deployment. */
        private static boolean isDigest(String digest) {
            if (digest == null || digest.length() != 71 || !digest.startsWith("sha256:")) {
                return false;
            }
            for (int i = 7; i < 71; i++) {
                char c = digest.charAt(i);
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Blob b && digest.equals(b.digest) && Arrays.equals(bytes, b.bytes);
        }

        @Override
        public int hashCode() {
            return digest.hashCode();
        }

        @Override
        public String toString() {
            return "Blob[" + digest + ", " + bytes.length + " bytes]";
        }
    }
}

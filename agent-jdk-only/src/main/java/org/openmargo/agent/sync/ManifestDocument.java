package org.openmargo.agent.sync;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.openmargo.agent.json.JsonArray;
import org.openmargo.agent.json.JsonNull;
import org.openmargo.agent.json.JsonNumber;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonValue;

/**
 * A parsed and checked State Manifest (spec a.4): version, optional bundle and deployment references. Only
 * {@code sha256} digests are supported; a manifest that names any other algorithm is invalid as a whole (spec c.2).
 * URLs must be the canonical relative paths of rc.3, so the agent never fetches from a location the digest does not
 * name.
 *
 * @param version     manifestVersion, unsigned 64-bit
 * @param bundle      the bundle reference; empty exactly when there are no deployments
 * @param deployments the deployment references, in manifest order
 */
public record ManifestDocument(long version, Optional<Ref> bundle, List<Ref> deployments) {
    static final String BUNDLE_MEDIA_TYPE = "application/vnd.margo.bundle.v1+tar+gzip";
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._~-]{1,200}");

    /**
     * A reference to one artifact.
     *
     * @param deploymentId the deployment id (empty string for the bundle)
     * @param digest       its digest
     * @param url          the relative URL to fetch it from
     */
    public record Ref(String deploymentId, String digest, String url) {
    }

    /** Checks the manifest JSON; the message of the exception says what is wrong. */
    public static ManifestDocument of(JsonValue root) throws InvalidManifestException {
        if (!(root instanceof JsonObject m)) {
            throw new InvalidManifestException("the manifest is not a JSON object");
        }
        long version = version(m);
        JsonArray list = m.array("deployments")
                .orElseThrow(() -> new InvalidManifestException("'deployments' is missing or not an array"));
        List<Ref> refs = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonValue item : list.items()) {
            Ref ref = deployment(item);
            if (!ids.add(ref.deploymentId())) {
                throw new InvalidManifestException("deployment " + ref.deploymentId() + " is listed twice");
            }
            refs.add(ref);
        }
        Optional<Ref> bundle = bundle(m);
        if (bundle.isPresent() == refs.isEmpty()) {
            throw new InvalidManifestException("'bundle' must be null exactly when 'deployments' is empty");
        }
        return new ManifestDocument(version, bundle, List.copyOf(refs));
    }

    private static long version(JsonObject m) throws InvalidManifestException {
        JsonNumber n = m.number("manifestVersion")
                .orElseThrow(() -> new InvalidManifestException("'manifestVersion' is missing or not a number"));
        try {
            long v = n.unsignedLongValueExact();
            if (v == 0) {
                throw new InvalidManifestException("'manifestVersion' must be at least 1");
            }
            return v;
        } catch (ArithmeticException e) {
            throw new InvalidManifestException("'manifestVersion' is not an unsigned 64-bit integer: " + n.text());
        }
    }

    private static Ref deployment(JsonValue item) throws InvalidManifestException {
        if (!(item instanceof JsonObject d)) {
            throw new InvalidManifestException("a 'deployments' entry is not an object");
        }
        String id = d.string("deploymentId").filter(s -> ID.matcher(s).matches())
                .orElseThrow(() -> new InvalidManifestException("a deployment has no valid 'deploymentId'"));
        String digest = digest(d, "deployment " + id);
        String url = d.string("url").orElse("");
        if (!url.equals("/api/v1/deployments/" + id + "/" + digest)) {
            throw new InvalidManifestException("deployment " + id + " has a 'url' that is not its canonical path");
        }
        return new Ref(id, digest, url);
    }

    private static Optional<Ref> bundle(JsonObject m) throws InvalidManifestException {
        Optional<JsonValue> value = m.get("bundle");
        if (value.isEmpty()) {
            throw new InvalidManifestException("'bundle' is missing (it must be present, null when empty)");
        }
        if (value.get() == JsonNull.INSTANCE) {
            return Optional.empty();
        }
        if (!(value.get() instanceof JsonObject b)) {
            throw new InvalidManifestException("'bundle' is neither null nor an object");
        }
        if (!b.string("mediaType").orElse("").equals(BUNDLE_MEDIA_TYPE)) {
            throw new InvalidManifestException("'bundle.mediaType' is not " + BUNDLE_MEDIA_TYPE);
        }
        String digest = digest(b, "the bundle");
        if (!b.string("url").orElse("").equals("/api/v1/bundles/" + digest)) {
            throw new InvalidManifestException("'bundle.url' is not the canonical path of its digest");
        }
        return Optional.of(new Ref("", digest, "/api/v1/bundles/" + digest));
    }

    private static String digest(JsonObject o, String what) throws InvalidManifestException {
        String digest = o.string("digest")
                .orElseThrow(() -> new InvalidManifestException(what + " has no 'digest'"));
        if (!DIGEST.matcher(digest).matches()) {
            throw new InvalidManifestException(what + " has an unsupported digest (only sha256:<64 hex> is)");
        }
        return digest;
    }

    /** A manifest that breaks the rc.3 rules. */
    public static final class InvalidManifestException extends Exception {
        InvalidManifestException(String message) {
            super(message, null, false, false);
        }
    }
}

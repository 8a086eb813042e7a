package org.openmargo.agent.oci;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonArray;
import org.openmargo.agent.json.JsonNumber;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonParseException;
import org.openmargo.agent.json.JsonValue;

/**
 * An image manifest (OCI image spec, "Image Manifest"; Docker's schema 2 has the same shape): the members the agent
 * reads.
 *
 * @param digest       the digest of the manifest bytes as fetched
 * @param mediaType    {@link #OCI} or {@link #DOCKER}
 * @param artifactType the {@code artifactType}, else the config's media type (what older publishers set instead)
 * @param layers       the layers, in order
 */
public record Manifest(Digest digest, String mediaType, String artifactType, List<Descriptor> layers) {
    /** The OCI image manifest media type. */
    public static final String OCI = "application/vnd.oci.image.manifest.v1+json";
    /** Docker's image manifest, schema 2. */
    public static final String DOCKER = "application/vnd.docker.distribution.manifest.v2+json";
    /** The media types {@link #parse} accepts. */
    public static final Set<String> MEDIA_TYPES = Set.of(OCI, DOCKER);

    public Manifest {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(artifactType, "artifactType");
        layers = List.copyOf(layers);
    }

    /**
     * Reads manifest bytes served with {@code contentType}.
     *
     * @throws OciException {@code OCI_INVALID} when the bytes are not JSON, the media type (served or written in the
     *                      manifest) is not an image manifest, or a descriptor is malformed
     */
    public static Manifest parse(byte[] bytes, String contentType) throws OciException {
        JsonObject root;
        try {
            if (!(Json.parse(bytes) instanceof JsonObject object)) {
                throw new OciException("OCI_INVALID", "manifest is not a JSON object");
            }
            root = object;
        } catch (JsonParseException e) {
            throw new OciException("OCI_INVALID", "manifest is not JSON: " + e.getMessage(), e);
        }
        String mediaType = root.string("mediaType").orElse(contentType);
        if (!MEDIA_TYPES.contains(mediaType) || !MEDIA_TYPES.contains(contentType)) {
            throw new OciException("OCI_INVALID", "not an image manifest: served as " + Digest.shorten(contentType)
                    + ", mediaType " + Digest.shorten(mediaType));
        }
        if (!(root.get("schemaVersion").orElse(null) instanceof JsonNumber version) || !version.text().equals("2")) {
            throw new OciException("OCI_INVALID", "manifest schemaVersion must be 2");
        }
        String config = root.object("config").flatMap(c -> c.string("mediaType")).orElse("");
        List<Descriptor> layers = new ArrayList<>();
        for (JsonValue layer : root.array("layers").map(JsonArray::items).orElse(List.of())) {
            layers.add(descriptor(layer));
        }
        return new Manifest(Digest.of(bytes), mediaType, root.string("artifactType").orElse(config), layers);
    }

    private static Descriptor descriptor(JsonValue value) throws OciException {
        if (!(value instanceof JsonObject layer)) {
            throw new OciException("OCI_INVALID", "a layer descriptor is not an object");
        }
        try {
            String mediaType = layer.string("mediaType").orElseThrow(() -> new IllegalArgumentException("mediaType"));
            Digest digest = Digest.parse(layer.string("digest").orElse(""));
            if (!(layer.get("size").orElse(null) instanceof JsonNumber size) || !size.isIntegral()) {
                throw new IllegalArgumentException("size is not an integer");
            }
            return new Descriptor(mediaType, digest, size.longValueExact());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new OciException("OCI_INVALID", "malformed layer descriptor: " + e.getMessage(), e);
        }
    }
}

package org.openmargo.agent.oci;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A tagged artifact in a registry: {@code oci://<registry>/<repository>} plus a revision as tag.
 *
 * @param registry   {@code host} or {@code host:port}, lower-case, as written after {@code oci://}
 * @param repository the repository path, for example {@code shop/db} (OCI distribution spec name grammar)
 * @param tag        the tag: the revision with {@code +} written as {@code _}, since tags cannot hold {@code +}
 *                   (SemVer build metadata; the same mapping Helm and Compose use when they publish)
 */
public record OciReference(String registry, String repository, String tag) {
    private static final Pattern REGISTRY = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?(:[0-9]{1,5})?");
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final int MAX_REPOSITORY = 255;

    public OciReference {
        if (!REGISTRY.matcher(registry).matches()) {
            throw new IllegalArgumentException("not a registry host[:port]: " + Digest.shorten(registry));
        }
        if (repository.length() > MAX_REPOSITORY || repository.isEmpty()) {
            throw new IllegalArgumentException("repository must have 1 to 255 characters");
        }
        for (String part : repository.split("/", -1)) {
            if (!COMPONENT.matcher(part).matches()) {
                throw new IllegalArgumentException("not a repository name: " + Digest.shorten(repository));
            }
        }
        if (!TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("not a tag: " + Digest.shorten(tag));
        }
    }

    /**
     * Reads {@code oci://registry/repository} and a revision.
     *
     * @throws IllegalArgumentException when the repository is not {@code oci://…} or a part is malformed
     */
    public static OciReference of(String repository, String revision) {
        if (!repository.startsWith("oci://")) {
            throw new IllegalArgumentException("repository must start with oci://: " + Digest.shorten(repository));
        }
        String rest = repository.substring("oci://".length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("repository must be oci://<registry>/<name>: "
                    + Digest.shorten(repository));
        }
        return new OciReference(rest.substring(0, slash).toLowerCase(Locale.ROOT), rest.substring(slash + 1),
                revision.replace('+', '_'));
    }

    /** The host and port of the registry's API: Docker Hub's API is not at {@code docker.io} itself. */
    public String apiAuthority() {
        return registry.equals("docker.io") ? "registry-1.docker.io" : registry;
    }

    @Override
    public String toString() {
        return "oci://" + registry + "/" + repository + ":" + tag;
    }
}

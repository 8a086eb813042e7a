package org.openmargo.agent.compose;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.openmargo.agent.oci.Descriptor;
import org.openmargo.agent.oci.Manifest;
import org.openmargo.agent.oci.OciClient;
import org.openmargo.agent.oci.OciException;
import org.openmargo.agent.oci.OciReference;
import org.openmargo.agent.runtime.ComponentSpec;

/**
 * Compose files from an OCI registry, as {@code docker compose publish} writes them: an image manifest whose
 * {@code artifactType} (or, from older publishers, config media type) is {@value #PROJECT} and whose layers are
 * compose files ({@value #FILE}). Every layer is fetched by digest and verified ({@link OciClient}), then kept in a
 * {@link ComposeFileStore}; a revision once stored is read from there and the registry is not asked again, since a
 * Margo revision names one version (SemVer) and is not expected to move.
 *
 * <p>Refused: a manifest of another artifact type, a layer of another media type (including Compose's
 * {@code .env} layers, {@value #ENV_FILE}: the agent passes parameters as environment variables instead), more than
 * {@value #MAX_FILES} files, a file over {@value #MAX_FILE_BYTES} bytes, and everything {@link OciClient} refuses.
 * Nothing is stored unless every file verified. Thread safety: one caller at a time (the reconciler's thread).
 */
public final class RegistrySource implements ComposeSource {
    private static final System.Logger LOG = System.getLogger(RegistrySource.class.getName());
    static final String PROJECT = "application/vnd.docker.compose.project";
    static final String FILE = "application/vnd.docker.compose.file+yaml";
    static final String ENV_FILE = "application/vnd.docker.compose.envfile";
    static final int MAX_FILES = 16;
    static final int MAX_FILE_BYTES = 1024 * 1024;

    private final OciClient client;
    private final ComposeFileStore store;

    /**
     * @param client    the registry client
     * @param directory where the files are kept (created when missing)
     * @throws IOException when the directory cannot be created
     */
    public RegistrySource(OciClient client, Path directory) throws IOException {
        this.client = client;
        this.store = new ComposeFileStore(directory);
    }

    @Override
    public Resolution files(ComponentSpec component) {
        OciReference reference;
        try {
            reference = OciReference.of(component.repository(), component.revision());
        } catch (IllegalArgumentException e) {
            return new Resolution.Refused("COMPOSE_REFERENCE_INVALID", e.getMessage());
        }
        try {
            Optional<List<Path>> stored = store.stored(reference);
            if (stored.isPresent()) {
                return new Resolution.Files(stored.get());
            }
            return new Resolution.Files(store.put(reference, fetch(reference)));
        } catch (OciException e) {
            return new Resolution.Refused(e.code(), e.getMessage());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot keep the compose files of {0}: {1}", reference, e);
            return new Resolution.Refused("COMPOSE_STORE_FAILED", "cannot keep the compose files of " + reference
                    + ": " + e.getMessage());
        }
    }

    /** Registry-supplied text in a status message: at most 100 characters. */
    private static String shorten(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "…";
    }

    private List<ComposeFileStore.Verified> fetch(OciReference reference) throws OciException {
        Manifest manifest = client.manifest(reference);
        if (!manifest.artifactType().equals(PROJECT)) {
            throw new OciException("COMPOSE_ARTIFACT_INVALID", reference + " is not a Compose artifact: its type is "
                    + (manifest.artifactType().isEmpty() ? "not set" : shorten(manifest.artifactType())));
        }
        if (manifest.layers().isEmpty() || manifest.layers().size() > MAX_FILES) {
            throw new OciException("COMPOSE_ARTIFACT_INVALID", reference + " has " + manifest.layers().size()
                    + " layers; a Compose artifact has 1 to " + MAX_FILES + " compose files");
        }
        List<ComposeFileStore.Verified> files = new ArrayList<>();
        for (Descriptor layer : manifest.layers()) {
            if (!layer.mediaType().equals(FILE)) {
                throw new OciException("COMPOSE_ARTIFACT_INVALID", reference + ": layer " + layer.digest()
                        + " has media type " + shorten(layer.mediaType()) + "; only compose files (" + FILE
                        + ") are used");
            }
            files.add(new ComposeFileStore.Verified(layer.digest(), client.blob(reference, layer, MAX_FILE_BYTES)));
        }
        return files;
    }
}

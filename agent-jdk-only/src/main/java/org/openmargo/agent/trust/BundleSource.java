package org.openmargo.agent.trust;

import java.io.IOException;
import java.util.Optional;

/** Where refreshed bundles come from. */
interface BundleSource {
    /**
     * Fetches the current bundle bytes.
     *
     * @return the bytes, or empty when the source says nothing changed (HTTP 304)
     * @throws IOException              when the source is unreachable or answers with an error
     * @throws IllegalArgumentException when the source answered with something the spec says to refuse
     */
    Optional<byte[]> fetch() throws IOException;

    /** A short description for logs and outcomes. */
    String describe();
}

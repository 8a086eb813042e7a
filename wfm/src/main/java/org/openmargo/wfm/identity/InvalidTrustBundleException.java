package org.openmargo.wfm.identity;

import java.nio.file.Path;

/** A trust bundle file that cannot be used; the message names the file and the reason. */
final class InvalidTrustBundleException extends RuntimeException {

    InvalidTrustBundleException(Path source, String reason) {
        super("trust bundle " + source + ": " + reason);
    }
}

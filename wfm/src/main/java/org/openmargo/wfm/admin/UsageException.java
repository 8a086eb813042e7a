package org.openmargo.wfm.admin;

/** The command line is wrong (exit 2); the message says how. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message, null, false, false);
    }
}

package org.openmargo.wfm.admin;

/** A command failed (exit 1); the message is printed for the operator. */
final class AdminException extends RuntimeException {
    AdminException(String message) {
        super(message, null, false, false);
    }
}

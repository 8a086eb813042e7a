package org.openmargo.wfm.ca;

/**
 * A rotation step that does not fit the anchors' current states (out of order, or not possible for this CA). The
 * message says why and is safe to show to the operator; the operator API answers 409.
 */
public final class RotationConflictException extends RuntimeException {
    public RotationConflictException(String message) {
        super(message, null, false, false);
    }
}

package org.openmargo.wfm.identityservice;

/** A certificate signing request the identity service will not sign; the message is safe to return to the caller. */
public final class CsrRejectedException extends RuntimeException {
    public CsrRejectedException(String message) {
        super(message);
    }

    public CsrRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}

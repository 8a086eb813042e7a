package org.openmargo.wfm.ca;

/**
 * The certificate authority cannot be opened or used: a key that does not decrypt with the configured passphrase, an
 * unreadable or inconsistent operator-supplied CA. The message names the key or file and the remedy; it is meant for
 * the operator at start-up and carries no secret.
 */
public final class CaUnavailableException extends RuntimeException {
    public CaUnavailableException(String message) {
        super(message);
    }

    public CaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

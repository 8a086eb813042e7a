package org.openmargo.wfm.store;

/**
 * The database failed or could not be reached. The message names the operation only; the cause carries the driver's
 * detail for the log and must not be shown to callers.
 */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

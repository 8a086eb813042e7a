package org.openmargo.agent.eligibility;

/** A {@code deviceConstraints} member that breaks the rc.3 schema; the deployment cannot be judged. */
final class InvalidConstraintException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidConstraintException(String path, String problem) {
        super(path + ": " + problem);
    }
}

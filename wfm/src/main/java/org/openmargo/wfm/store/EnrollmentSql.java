package org.openmargo.wfm.store;

/** The statements of {@link JdbcEnrollmentTokenStore}. */
final class EnrollmentSql {
    private EnrollmentSql() {
    }

    static final String INSERT = """
            INSERT INTO enrollment_tokens (token_hash, token_id, client_id, created_at, created_by, expires_at)
            VALUES (?, ?, ?, ?, ?, ?)""";

    static final String REDEEMABLE = """
            SELECT client_id FROM enrollment_tokens
            WHERE token_hash = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?""";

    /** The single-use guarantee: the row lock plus the re-checked condition let exactly one concurrent caller win. */
    static final String REDEEM = """
            UPDATE enrollment_tokens SET used_at = ?
            WHERE token_hash = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?""";

    static final String CLIENT_OF = "SELECT client_id FROM enrollment_tokens WHERE token_hash = ?";

    static final String LIST = """
            SELECT token_id, client_id, created_at, created_by, expires_at, used_at, revoked_at
            FROM enrollment_tokens ORDER BY created_at DESC, token_id""";

    static final String REVOKE = """
            UPDATE enrollment_tokens SET revoked_at = ?
            WHERE token_id = ? AND used_at IS NULL AND revoked_at IS NULL""";

    static final String REVOKE_CLIENT = """
            UPDATE enrollment_tokens SET revoked_at = ?
            WHERE client_id = ? AND used_at IS NULL AND revoked_at IS NULL""";
}

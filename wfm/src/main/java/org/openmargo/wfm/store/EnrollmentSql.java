package org.openmargo.wfm.store;

/** The statements of {@link JdbcEnrollmentTokenStore}. */
final class EnrollmentSql {
    private EnrollmentSql() {
    }

    static final Named INSERT = Named.of("enrollment.insert", """
            INSERT INTO enrollment_tokens (token_hash, token_id, client_id, created_at, created_by, expires_at)
            VALUES (?, ?, ?, ?, ?, ?)""");

    static final Named REDEEMABLE = Named.of("enrollment.redeemable", """
            SELECT client_id FROM enrollment_tokens
            WHERE token_hash = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?""");

    /** The single-use guarantee: the row lock plus the re-checked condition let exactly one concurrent caller win. */
    static final Named REDEEM = Named.of("enrollment.redeem", """
            UPDATE enrollment_tokens SET used_at = ?
            WHERE token_hash = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?""");

    static final Named CLIENT_OF = Named.of("enrollment.client-of", """
            SELECT client_id FROM enrollment_tokens WHERE token_hash = ?""");

    static final Named LIST = Named.of("enrollment.list", """
            SELECT token_id, client_id, created_at, created_by, expires_at, used_at, revoked_at
            FROM enrollment_tokens ORDER BY created_at DESC, token_id""");

    static final Named REVOKE = Named.of("enrollment.revoke", """
            UPDATE enrollment_tokens SET revoked_at = ?
            WHERE token_id = ? AND used_at IS NULL AND revoked_at IS NULL""");

    static final Named REVOKE_CLIENT = Named.of("enrollment.revoke-client", """
            UPDATE enrollment_tokens SET revoked_at = ?
            WHERE client_id = ? AND used_at IS NULL AND revoked_at IS NULL""");

    /** Every statement above, for registration as a named statement. */
    static final java.util.List<Named> ALL = java.util.List.of(
            INSERT, REDEEMABLE, REDEEM, CLIENT_OF, LIST, REVOKE, REVOKE_CLIENT);
}

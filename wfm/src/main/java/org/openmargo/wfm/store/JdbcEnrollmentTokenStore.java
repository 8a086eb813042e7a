package org.openmargo.wfm.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.openmargo.wfm.enrollment.EnrollmentToken;
import org.openmargo.wfm.enrollment.EnrollmentTokenStore;
import org.openmargo.wfm.identity.ClientRegistry;

/**
 * {@link EnrollmentTokenStore} on Helidon DbClient. {@link #redeem} writes the accepted-client policy row with the
 * same statement as {@link JdbcClientRegistry}, inside the transaction that marks the token used.
 */
final class JdbcEnrollmentTokenStore implements EnrollmentTokenStore {
    private final Transactor tx;

    JdbcEnrollmentTokenStore(Transactor tx) {
        this.tx = tx;
    }

    @Override
    public void add(String tokenHash, EnrollmentToken token) {
        tx.write("storing an enrollment token", s -> s.dml(EnrollmentSql.INSERT, tokenHash, token.tokenId(),
                token.clientId(), UtcTime.toColumn(token.createdAt()), token.createdBy(),
                UtcTime.toColumn(token.expiresAt())));
    }

    @Override
    public Optional<String> redeemable(String tokenHash, Instant now) {
        return tx.read("looking up an enrollment token", s -> s.first(EnrollmentSql.REDEEMABLE,
                r -> Sql.string(r, 1), tokenHash, UtcTime.toColumn(now)));
    }

    @Override
    public Optional<String> redeem(String tokenHash, Instant now) {
        LocalDateTime at = UtcTime.toColumn(now);
        return tx.write("redeeming an enrollment token", s -> {
            if (s.dml(EnrollmentSql.REDEEM, at, tokenHash, at) != 1) {
                return Optional.<String>empty();
            }
            Optional<String> clientId = s.first(EnrollmentSql.CLIENT_OF, r -> Sql.string(r, 1), tokenHash);
            s.dml(ClientSql.SET_STANDING, clientId.orElseThrow(), ClientRegistry.Standing.ACCEPTED.name(), at);
            return clientId;
        });
    }

    @Override
    public List<EnrollmentToken> list() {
        return tx.read("listing enrollment tokens", s -> s.list(EnrollmentSql.LIST, r -> new EnrollmentToken(
                Sql.string(r, 1), Sql.string(r, 2), Sql.instant(r, 3), Sql.string(r, 4), Sql.instant(r, 5),
                Sql.optionalInstant(r, 6), Sql.optionalInstant(r, 7))));
    }

    @Override
    public boolean revoke(String tokenId, Instant now) {
        return tx.write("revoking an enrollment token", s -> s.dml(EnrollmentSql.REVOKE, UtcTime.toColumn(now),
                tokenId)) == 1;
    }

    @Override
    public int revokeUnused(String clientId, Instant now) {
        return (int) (long) tx.write("revoking a client's enrollment tokens", s -> s.dml(EnrollmentSql.REVOKE_CLIENT,
                UtcTime.toColumn(now), clientId));
    }
}

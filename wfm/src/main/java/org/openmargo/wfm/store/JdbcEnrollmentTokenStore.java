package org.openmargo.wfm.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.openmargo.wfm.enrollment.EnrollmentToken;
import org.openmargo.wfm.enrollment.EnrollmentTokenStore;
import org.openmargo.wfm.identity.ClientRegistry;

/**
 * {@link EnrollmentTokenStore} over JDBC. {@link #redeem} writes the accepted-client policy row with the same
 * statement as {@link JdbcClientRegistry}, inside the transaction that marks the token used.
 */
final class JdbcEnrollmentTokenStore implements EnrollmentTokenStore {
    private final Transactor tx;

    JdbcEnrollmentTokenStore(Transactor tx) {
        this.tx = tx;
    }

    @Override
    public void add(String tokenHash, EnrollmentToken token) {
        tx.write("storing an enrollment token", c -> {
            try (PreparedStatement s = Rows.prepare(c, EnrollmentSql.INSERT, tokenHash, token.tokenId(),
                    token.clientId(), UtcTime.toColumn(token.createdAt()), token.createdBy(),
                    UtcTime.toColumn(token.expiresAt()))) {
                return s.executeUpdate();
            }
        });
    }

    @Override
    public Optional<String> redeemable(String tokenHash, Instant now) {
        return tx.read("looking up an enrollment token", c -> clientOf(c, EnrollmentSql.REDEEMABLE, tokenHash,
                UtcTime.toColumn(now)));
    }

    @Override
    public Optional<String> redeem(String tokenHash, Instant now) {
        LocalDateTime at = UtcTime.toColumn(now);
        return tx.write("redeeming an enrollment token", c -> {
            try (PreparedStatement s = Rows.prepare(c, EnrollmentSql.REDEEM, at, tokenHash, at)) {
                if (s.executeUpdate() != 1) {
                    return Optional.empty();
                }
            }
            Optional<String> clientId = clientOf(c, EnrollmentSql.CLIENT_OF, tokenHash);
            try (PreparedStatement s = Rows.prepare(c, ClientSql.SET_STANDING, clientId.orElseThrow(),
                    ClientRegistry.Standing.ACCEPTED.name(), at)) {
                s.executeUpdate();
            }
            return clientId;
        });
    }

    @Override
    public List<EnrollmentToken> list() {
        return tx.read("listing enrollment tokens", c -> {
            List<EnrollmentToken> tokens = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(EnrollmentSql.LIST); ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    tokens.add(new EnrollmentToken(r.getString(1), r.getString(2), instant(r, 3), r.getString(4),
                            instant(r, 5), optionalInstant(r, 6), optionalInstant(r, 7)));
                }
            }
            return List.copyOf(tokens);
        });
    }

    @Override
    public boolean revoke(String tokenId, Instant now) {
        return update("revoking an enrollment token", EnrollmentSql.REVOKE, UtcTime.toColumn(now), tokenId) == 1;
    }

    @Override
    public int revokeUnused(String clientId, Instant now) {
        return update("revoking a client's enrollment tokens", EnrollmentSql.REVOKE_CLIENT, UtcTime.toColumn(now),
                clientId);
    }

    private int update(String operation, String sql, Object... params) {
        return tx.write(operation, c -> {
            try (PreparedStatement s = Rows.prepare(c, sql, params)) {
                return s.executeUpdate();
            }
        });
    }

    private static Optional<String> clientOf(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = Rows.prepare(c, sql, params); ResultSet r = s.executeQuery()) {
            return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
        }
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        return UtcTime.fromColumn(r.getObject(column, LocalDateTime.class));
    }

    private static Optional<Instant> optionalInstant(ResultSet r, int column) throws SQLException {
        LocalDateTime value = r.getObject(column, LocalDateTime.class);
        return value == null ? Optional.empty() : Optional.of(UtcTime.fromColumn(value));
    }
}

package org.openmargo.wfm.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.openmargo.wfm.identity.ClientRegistry;

/** {@link ClientRegistry} over JDBC. */
final class JdbcClientRegistry implements ClientRegistry {
    private final Transactor tx;
    private final Clock clock;

    JdbcClientRegistry(Transactor tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public void accept(String clientId) {
        set(clientId, Standing.ACCEPTED);
    }

    @Override
    public void retire(String clientId) {
        set(clientId, Standing.RETIRED);
    }

    private void set(String clientId, Standing standing) {
        tx.write("changing a client's standing", c -> {
            try (PreparedStatement s = Rows.prepare(c, ClientSql.SET_STANDING, clientId, standing.name(),
                    UtcTime.toColumn(clock.instant()))) {
                return s.executeUpdate();
            }
        });
    }

    @Override
    public List<Entry> entries() {
        return tx.read("listing clients", c -> {
            List<Entry> entries = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(ClientSql.ENTRIES); ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    entries.add(new Entry(r.getString(1), Standing.valueOf(r.getString(2)),
                            UtcTime.fromColumn(r.getObject(3, LocalDateTime.class))));
                }
            }
            entries.sort(Comparator.comparing(Entry::clientId));
            return List.copyOf(entries);
        });
    }

    @Override
    public void afterCommit(Runnable action) {
        tx.afterCommit(action);
    }
}

package org.openmargo.wfm.store;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import org.openmargo.wfm.identity.ClientRegistry;

/** {@link ClientRegistry} on Helidon DbClient. */
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
        tx.write("changing a client's standing", s -> s.dml(ClientSql.SET_STANDING, clientId, standing.name(),
                UtcTime.toColumn(clock.instant())));
    }

    @Override
    public List<Entry> entries() {
        return tx.read("listing clients", s -> s.list(ClientSql.ENTRIES, r -> new Entry(Sql.string(r, 1),
                        Standing.valueOf(Sql.string(r, 2)), Sql.instant(r, 3)))
                .stream().sorted(Comparator.comparing(Entry::clientId)).toList());
    }

    @Override
    public void afterCommit(Runnable action) {
        tx.afterCommit(action);
    }
}

package org.openmargo.wfm.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.openmargo.wfm.presence.Presence;
import org.openmargo.wfm.presence.PresenceRows;

/** {@link PresenceRows} on Helidon DbClient: a save is one transaction of a few multi-row MERGE statements. */
final class JdbcPresenceStore implements PresenceRows {
    private final Transactor tx;

    JdbcPresenceStore(Transactor tx) {
        this.tx = tx;
    }

    @Override
    public void save(Map<String, Presence.Poll> polls) {
        // Sorted: two instances flushing overlapping clients lock the rows in one order, never a deadlock.
        List<Map.Entry<String, Presence.Poll>> all = new ArrayList<>(new TreeMap<>(polls).entrySet());
        tx.write("saving the clients' last polls", s -> {
            int at = 0;
            for (int size : PresenceSql.SIZES) {
                Named statement = PresenceSql.save(size);
                while (all.size() - at >= size) {
                    Object[] params = new Object[size * 3];
                    for (int i = 0; i < size; i++) {
                        Map.Entry<String, Presence.Poll> e = all.get(at + i);
                        params[i * 3] = e.getKey();
                        params[i * 3 + 1] = UtcTime.toColumn(e.getValue().at());
                        params[i * 3 + 2] = e.getValue().manifestVersion();
                    }
                    s.dml(statement, params);
                    at += size;
                }
            }
            return null;
        });
    }

    @Override
    public Map<String, Presence.Poll> since(Instant since) {
        Map<String, Presence.Poll> out = new HashMap<>();
        tx.read("reading the clients' last polls", s -> s.list(PresenceSql.SINCE, r -> {
            out.put(Sql.string(r, 1), new Presence.Poll(Sql.instant(r, 2), Sql.longValue(r, 3)));
            return null;
        }, UtcTime.toColumn(since)));
        return out;
    }
}

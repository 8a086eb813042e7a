package org.openmargo.wfm.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openmargo.wfm.audit.AuditEvent;
import org.openmargo.wfm.audit.AuditStore;

/** The behaviour of {@link AuditStore} that every backend must show. */
abstract class AuditStoreContract extends StoreContract {

    AuditStore store() {
        return db().database.audit();
    }

    List<AuditEvent> own(int limit) {
        return store().recent(limit).stream().map(AuditStore.Entry::event)
                .filter(e -> e.target().startsWith(prefix)).toList();
    }

    @Test
    void append_thenRecent_returnsEveryFieldNewestFirst() {
        AuditEvent first = new AuditEvent(UtcTime.truncate(START), "alice", "127.0.0.1", "client.accept",
                client("a"), "");
        AuditEvent second = new AuditEvent(UtcTime.truncate(START), "device:x", "::1", "enroll", client("b"),
                "spiffeId=spiffe://td/margo/wfm/w/client/x");
        store().append(first);
        store().append(second);

        assertThat(own(1000)).containsExactly(second, first);
    }

    @Test
    void recent_limit_returnsThatManyWithDescendingIds() {
        for (int i = 0; i < 5; i++) {
            store().append(new AuditEvent(START, "alice", "127.0.0.1", "n" + i, client("a"), ""));
        }

        List<AuditStore.Entry> recent = store().recent(3);

        assertThat(recent).hasSize(3);
        assertThat(recent.get(0).id()).isGreaterThan(recent.get(1).id());
        assertThat(recent.get(1).id()).isGreaterThan(recent.get(2).id());
    }

    @Test
    void append_overlongFields_storedCutToColumnSize() {
        store().append(new AuditEvent(Instant.parse("2026-11-05T10:15:30Z"), "a".repeat(500), "r", "act",
                client("a") + "t".repeat(1000), "d".repeat(5000)));

        AuditEvent stored = own(1000).getFirst();
        assertThat(stored.actor()).hasSize(80).endsWith("…");
        assertThat(stored.target()).hasSize(512);
        assertThat(stored.detail()).hasSize(2048);
    }
}

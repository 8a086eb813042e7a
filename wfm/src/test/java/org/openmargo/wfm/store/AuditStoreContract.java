package org.openmargo.wfm.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openmargo.wfm.problem.StoreException;
import org.openmargo.wfm.audit.AuditEvent;
import org.openmargo.wfm.audit.AuditStore;
import org.openmargo.wfm.identity.AcceptedClientPolicy;

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

    @Test
    void appendWith_failureBetweenChangeAndEntry_leavesNeither() {
        AcceptedClientPolicy policy = new AcceptedClientPolicy(db().database.clients(), false);

        assertThatThrownBy(() -> store().appendWith(() -> {
            policy.accept(client("a"));
            return "accepted";
        }, result -> {
            throw new IllegalStateException("injected between the change and its entry");
        })).isInstanceOf(IllegalStateException.class).hasMessage("injected between the change and its entry");

        assertThat(db().database.clients().entries()).noneMatch(e -> e.clientId().equals(client("a")));
        assertThat(own(1000)).isEmpty();
        assertThat(policy.decide(client("a"))).isEqualTo(AcceptedClientPolicy.Decision.UNKNOWN);
    }

    @Test
    void appendWith_changeAndEntry_bothCommittedAndPolicyUpdated() {
        AcceptedClientPolicy policy = new AcceptedClientPolicy(db().database.clients(), false);
        AuditEvent event = new AuditEvent(UtcTime.truncate(START), "alice", "127.0.0.1", "client.accept",
                client("b"), "");

        String result = store().appendWith(() -> {
            policy.accept(client("b"));
            return "accepted";
        }, r -> event);

        assertThat(result).isEqualTo("accepted");
        assertThat(db().database.clients().entries()).anyMatch(e -> e.clientId().equals(client("b")));
        assertThat(own(1000)).containsExactly(event);
        assertThat(policy.decide(client("b"))).isEqualTo(AcceptedClientPolicy.Decision.ACCEPTED);
    }

    @Test
    void appendWith_entryRefusedByTheDatabase_changeRolledBack() {
        // A NUL character is refused by PostgreSQL (22021) and H2 stores it; both must keep change and entry together.
        AuditEvent event = new AuditEvent(UtcTime.truncate(START), "alice", "127.0.0.1", "client.accept",
                client("c"), "nul\u0000");
        boolean stored;
        try {
            store().appendWith(() -> {
                db().database.clients().accept(client("c"));
                return 1;
            }, r -> event);
            stored = true;
        } catch (StoreException e) {
            stored = false;
        }

        assertThat(db().database.clients().entries().stream().anyMatch(e -> e.clientId().equals(client("c"))))
                .isEqualTo(stored);
        assertThat(own(1000)).hasSize(stored ? 1 : 0);
    }
}

package org.openmargo.wfm.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openmargo.wfm.identity.ClientRegistry;
import org.openmargo.wfm.identity.ClientRegistry.Entry;
import org.openmargo.wfm.identity.ClientRegistry.Standing;

/** The behaviour of {@link ClientRegistry} that every backend must show. */
abstract class ClientRegistryContract extends StoreContract {
    static final Instant LATER = Instant.parse("2026-11-07T08:00:00Z");

    ClientRegistry registry() {
        return db().database.clients();
    }

    List<Entry> own() {
        return registry().entries().stream().filter(e -> e.clientId().startsWith(prefix)).toList();
    }

    @Test
    void accept_newClient_acceptedNow() {
        registry().accept(client("a"));

        assertThat(own()).containsExactly(
                new Entry(client("a"), Standing.ACCEPTED, Instant.parse("2026-11-05T10:15:30.123456Z")));
    }

    @Test
    void retire_acceptedClient_retiredAtNewTime() {
        registry().accept(client("a"));
        db().clock.set(LATER);

        registry().retire(client("a"));

        assertThat(own()).containsExactly(new Entry(client("a"), Standing.RETIRED, LATER));
    }

    @Test
    void accept_alreadyAccepted_timeKept() {
        registry().accept(client("a"));
        db().clock.set(LATER);

        registry().accept(client("a"));

        assertThat(own()).containsExactly(
                new Entry(client("a"), Standing.ACCEPTED, Instant.parse("2026-11-05T10:15:30.123456Z")));
    }

    @Test
    void retire_unknownClient_createdRetired() {
        registry().retire(client("x"));

        assertThat(own()).extracting(Entry::standing).containsExactly(Standing.RETIRED);
    }

    @Test
    void entries_severalClients_orderedById() {
        registry().accept(client("m"));
        registry().retire(client("b"));
        registry().accept(client("z"));
        registry().accept(client("B"));

        assertThat(own()).extracting(Entry::clientId)
                .containsExactly(client("B"), client("b"), client("m"), client("z"));
    }
}

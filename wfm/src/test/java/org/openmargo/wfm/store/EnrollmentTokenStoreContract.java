package org.openmargo.wfm.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.openmargo.wfm.enrollment.EnrollmentToken;
import org.openmargo.wfm.enrollment.EnrollmentTokenStore;
import org.openmargo.wfm.enrollment.EnrollmentTokens;
import org.openmargo.wfm.identity.ClientRegistry.Entry;
import org.openmargo.wfm.identity.ClientRegistry.Standing;

/** The behaviour of {@link EnrollmentTokenStore} that every backend must show. */
abstract class EnrollmentTokenStoreContract extends StoreContract {
    static final Instant EXPIRES = UtcTime.truncate(START.plus(Duration.ofHours(24)));

    EnrollmentTokenStore store() {
        return db().database.enrollmentTokens();
    }

    /** Adds a token for a client of this test and returns its hash. */
    String add(String name, String tokenText) {
        String hash = EnrollmentTokens.hash(prefix + tokenText);
        store().add(hash, new EnrollmentToken(hash.substring(0, 16), client(name), START, "alice", EXPIRES,
                Optional.empty(), Optional.empty()));
        return hash;
    }

    List<EnrollmentToken> own() {
        return store().list().stream().filter(t -> t.clientId().startsWith(prefix)).toList();
    }

    Optional<Entry> policy(String name) {
        return db().database.clients().entries().stream().filter(e -> e.clientId().equals(client(name))).findFirst();
    }

    @Test
    void add_newToken_listedUnusedWithAllFields() {
        String hash = add("a", "t1");

        assertThat(own()).containsExactly(new EnrollmentToken(hash.substring(0, 16), client("a"),
                UtcTime.truncate(START), "alice", EXPIRES, Optional.empty(), Optional.empty()));
        assertThat(own().getFirst().state(START)).isEqualTo(EnrollmentToken.State.UNUSED);
    }

    @Test
    void redeemable_unusedToken_namesClientWithoutUsingIt() {
        String hash = add("a", "t1");

        assertThat(store().redeemable(hash, START)).contains(client("a"));
        assertThat(store().redeemable(hash, START)).contains(client("a"));
        assertThat(own().getFirst().usedAt()).isEmpty();
    }

    @Test
    void redeem_unusedToken_marksUsedAndAcceptsClientAtThatTime() {
        String hash = add("a", "t1");
        Instant at = UtcTime.truncate(START.plus(Duration.ofMinutes(5)));

        assertThat(store().redeem(hash, at)).contains(client("a"));

        assertThat(own().getFirst().usedAt()).contains(at);
        assertThat(own().getFirst().state(at)).isEqualTo(EnrollmentToken.State.USED);
        assertThat(policy("a")).contains(new Entry(client("a"), Standing.ACCEPTED, at));
    }

    @Test
    void redeem_secondTime_refusedAndUseTimeKept() {
        String hash = add("a", "t1");
        store().redeem(hash, START);

        assertThat(store().redeem(hash, START.plusSeconds(1))).isEmpty();
        assertThat(store().redeemable(hash, START.plusSeconds(1))).isEmpty();
        assertThat(own().getFirst().usedAt()).contains(UtcTime.truncate(START));
    }

    @Test
    void redeem_atOrAfterExpiry_refusedAndClientNotAccepted() {
        String hash = add("a", "t1");

        assertThat(store().redeemable(hash, EXPIRES)).isEmpty();
        assertThat(store().redeem(hash, EXPIRES)).isEmpty();
        assertThat(policy("a")).isEmpty();
        assertThat(own().getFirst().state(EXPIRES)).isEqualTo(EnrollmentToken.State.EXPIRED);
    }

    @Test
    void redeem_revokedToken_refused() {
        String hash = add("a", "t1");

        assertThat(store().revoke(hash.substring(0, 16), START)).isTrue();

        assertThat(store().redeem(hash, START)).isEmpty();
        assertThat(own().getFirst().state(START)).isEqualTo(EnrollmentToken.State.REVOKED);
        assertThat(policy("a")).isEmpty();
    }

    @Test
    void redeem_unknownHash_refused() {
        assertThat(store().redeem(EnrollmentTokens.hash(prefix + "never-stored"), START)).isEmpty();
    }

    @Test
    void redeem_retiredClient_acceptsItAgain() {
        db().database.clients().retire(client("a"));
        String hash = add("a", "t1");

        store().redeem(hash, START);

        assertThat(policy("a")).map(Entry::standing).contains(Standing.ACCEPTED);
    }

    @Test
    void redeem_sixteenConcurrentCallers_exactlyOneWins() throws Exception {
        String hash = add("a", "t1");
        int callers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Optional<String>>> results = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                Callable<Optional<String>> call = () -> {
                    go.await();
                    return store().redeem(hash, START);
                };
                results.add(pool.submit(call));
            }
            go.countDown();
            int winners = 0;
            for (Future<Optional<String>> result : results) {
                winners += result.get().isPresent() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void revoke_usedToken_false() {
        String hash = add("a", "t1");
        store().redeem(hash, START);

        assertThat(store().revoke(hash.substring(0, 16), START)).isFalse();
        assertThat(own().getFirst().revokedAt()).isEmpty();
    }

    @Test
    void revokeUnused_client_revokesOnlyItsUnusedTokens() {
        String used = add("a", "t1");
        add("a", "t2");
        add("a", "t3");
        add("b", "t4");
        store().redeem(used, START);

        assertThat(store().revokeUnused(client("a"), START)).isEqualTo(2);

        assertThat(own()).extracting(t -> t.clientId() + ":" + t.state(START)).containsExactlyInAnyOrder(
                client("a") + ":USED", client("a") + ":REVOKED", client("a") + ":REVOKED", client("b") + ":UNUSED");
    }

    @Test
    void list_tokensCreatedAtDifferentTimes_newestFirst() {
        add("old", "t1");
        String newer = EnrollmentTokens.hash(prefix + "t2");
        store().add(newer, new EnrollmentToken(newer.substring(0, 16), client("new"), START.plusSeconds(60), "bob",
                EXPIRES, Optional.empty(), Optional.empty()));

        assertThat(own()).extracting(EnrollmentToken::clientId).containsExactly(client("new"), client("old"));
    }

    @Test
    void create_throughEnrollmentTokens_storesNoPlaintextOnlyTheHash() {
        EnrollmentTokens tokens = new EnrollmentTokens(store(), db().clock, new SecureRandom());

        EnrollmentTokens.Created created = tokens.create(client("a"), Duration.ofHours(1), "alice");

        assertThat(created.token()).matches("[A-Za-z0-9_-]{43}");
        List<String> cells = db().rawCells("SELECT * FROM enrollment_tokens");
        assertThat(cells).noneMatch(cell -> cell.contains(created.token()));
        assertThat(cells).contains(EnrollmentTokens.hash(created.token()));
        assertThat(tokens.redeem(created.token())).contains(client("a"));
    }
}

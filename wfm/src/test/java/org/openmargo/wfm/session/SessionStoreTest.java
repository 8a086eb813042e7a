package org.openmargo.wfm.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.openmargo.wfm.testclock.MutableClock;

class SessionStoreTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));
    private final SessionStore store = new SessionStore(Duration.ofMinutes(30), Duration.ofHours(2), 3, clock,
            new SecureRandom());

    @Test
    void create_idAndCsrfToken_are256RandomBitsEach() {
        Session a = store.create("alice", "token");
        Session b = store.create("alice", "token");
        assertThat(Base64.getUrlDecoder().decode(a.id())).hasSize(32);
        assertThat(Base64.getUrlDecoder().decode(a.csrfToken())).hasSize(32);
        assertThat(a.id()).isNotEqualTo(b.id()).isNotEqualTo(a.csrfToken());
        assertThat(a.toString()).doesNotContain(a.id()).doesNotContain(a.csrfToken()).doesNotContain("token");
    }

    @Test
    void use_withinIdleTimeout_keepsTheSessionAlive() {
        Session s = store.create("alice", "token");
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofMinutes(29));
            assertThat(store.use(s.id())).isPresent();
        }
    }

    @Test
    void use_afterIdleTimeout_sessionIsGoneForGood() {
        Session s = store.create("alice", "token");
        clock.advance(Duration.ofMinutes(30));
        assertThat(store.use(s.id())).isEmpty();
        clock.set(Instant.parse("2026-12-05T10:01:00Z"));
        assertThat(store.use(s.id())).as("removed, not only hidden").isEmpty();
    }

    @Test
    void use_afterAbsoluteTimeout_endsEvenABusySession() {
        Session s = store.create("alice", "token");
        for (int i = 0; i < 7; i++) {
            clock.advance(Duration.ofMinutes(17));
            assertThat(store.use(s.id())).isPresent();
        }
        clock.advance(Duration.ofMinutes(1));
        assertThat(store.use(s.id())).isEmpty();
    }

    @Test
    void end_thenUse_empty() {
        Session s = store.create("alice", "token");
        store.end(s.id());
        assertThat(store.use(s.id())).isEmpty();
    }

    @Test
    void create_beyondMaxSessions_endsTheLeastRecentlyUsed() {
        Session first = store.create("a", "t");
        clock.advance(Duration.ofSeconds(1));
        Session second = store.create("b", "t");
        clock.advance(Duration.ofSeconds(1));
        Session third = store.create("c", "t");
        clock.advance(Duration.ofSeconds(1));
        store.use(first.id());
        Session fourth = store.create("d", "t");

        assertThat(store.use(second.id())).isEmpty();
        assertThat(store.use(first.id())).isPresent();
        assertThat(store.use(third.id())).isPresent();
        assertThat(store.use(fourth.id())).isPresent();
    }

    @Test
    void use_unknownOrForgedId_empty() {
        store.create("alice", "token");
        assertThat(store.use("")).isEmpty();
        assertThat(store.use("not-a-session")).isEmpty();
    }
}

package org.openmargo.wfm.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.wfm.store.Database;
import org.openmargo.wfm.store.DatabaseSettings;
import org.openmargo.wfm.testclock.MutableClock;

/**
 * Two WFM instances' {@link Presence} on one real database (two pools, as two processes would have): a poll answered
 * by one instance is seen by the other after the flushes, a restart starts from the table, the later poll always
 * wins, a flush is bounded, and recording a poll never needs the database. Runs on H2 and PostgreSQL.
 */
abstract class PresenceFlushContract {
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));
    private Database one;
    private Database two;

    /** The settings of an empty database for one test. */
    abstract DatabaseSettings database(Path dir);

    abstract void dropDatabase();

    @BeforeEach
    void open() {
        DatabaseSettings settings = database(dir);
        one = Database.open(settings, clock);
        two = Database.open(settings, clock);
    }

    @AfterEach
    void close() {
        one.close();
        two.close();
        dropDatabase();
    }

    @Test
    void pollOnOneInstance_isSeenOnTheOther_onlyAfterItsFlushAndTheOthersRead() {
        Presence a = new Presence(clock, one.presence());
        Presence b = new Presence(clock, two.presence());
        a.polled("c1", 5);
        Instant at = clock.instant();
        clock.advance(Duration.ofSeconds(3));
        b.flush();
        assertThat(b.last("c1")).as("not flushed by a yet").isEmpty();
        a.flush();
        assertThat(b.last("c1")).as("b has not read since").isEmpty();
        b.flush();
        assertThat(b.last("c1")).contains(new Presence.Poll(at, 5));
    }

    @Test
    void drainAtStop_savesEveryUnsavedPoll_beyondOneFlushesBound() {
        Presence stopping = new Presence(clock, one.presence());
        int clients = Presence.MAX_PER_FLUSH + 5;
        for (int i = 0; i < clients; i++) {
            stopping.polled("c" + i, i);
        }
        assertThat(stopping.drain()).isEqualTo(clients);
        assertThat(stopping.drain()).as("nothing left").isZero();
        Presence restarted = new Presence(clock, two.presence());
        restarted.flush();
        assertThat(restarted.last("c0")).map(Presence.Poll::manifestVersion).contains(0L);
        assertThat(restarted.last("c" + (clients - 1))).map(Presence.Poll::manifestVersion).contains((long) clients - 1);
    }

    @Test
    void restartedInstance_startsFromTheTable() {
        Presence before = new Presence(clock, one.presence());
        before.polled("c1", 7);
        before.polled("c2", 3);
        before.flush();
        Presence after = new Presence(clock, two.presence());
        assertThat(after.last("c1")).isEmpty();
        after.flush();
        assertThat(after.last("c1")).map(Presence.Poll::manifestVersion).contains(7L);
        assertThat(after.last("c2")).map(Presence.Poll::manifestVersion).contains(3L);
    }

    @Test
    void laterPollWins_anOlderFlushNeverMovesTheRowBack() {
        Presence a = new Presence(clock, one.presence());
        Presence b = new Presence(clock, two.presence());
        b.polled("c1", 4); // an older poll on b, flushed late
        clock.advance(Duration.ofSeconds(10));
        a.polled("c1", 5);
        Instant newer = clock.instant();
        a.flush();
        b.flush();
        Presence fresh = new Presence(clock, one.presence());
        fresh.flush();
        assertThat(fresh.last("c1")).contains(new Presence.Poll(newer, 5));
        assertThat(b.last("c1")).as("b's own poll is older than the stored one").contains(new Presence.Poll(newer, 5));
    }

    @Test
    void flush_savesManyClientsInChunks_andIsBounded() {
        Presence a = new Presence(clock, one.presence());
        int n = Presence.MAX_PER_FLUSH + 3;
        for (int i = 0; i < n; i++) {
            a.polled("c" + i, i);
        }
        assertThat(a.flush()).isEqualTo(Presence.MAX_PER_FLUSH);
        assertThat(a.flush()).as("the rest waits for the next flush").isEqualTo(3);
        assertThat(a.flush()).as("nothing polled since").isZero();
        Presence fresh = new Presence(clock, two.presence());
        fresh.flush();
        for (int i = 0; i < n; i += 997) {
            assertThat(fresh.last("c" + i)).as("c" + i).map(Presence.Poll::manifestVersion).contains((long) i);
        }
        assertThat(fresh.last("c" + (n - 1))).isPresent();
    }

    @Test
    void poll_neverNeedsTheDatabase_andAFailedFlushKeepsThePolls() {
        Presence a = new Presence(clock, one.presence());
        one.close(); // the database is gone for this instance
        a.polled("c1", 2);
        assertThat(a.last("c1")).map(Presence.Poll::manifestVersion).contains(2L);
        assertThatThrownBy(a::flush).isInstanceOf(RuntimeException.class);
        Presence retry = new Presence(clock, two.presence());
        retry.polled("c1", 2);
        assertThat(retry.flush()).isEqualTo(1);
    }
}

package org.openmargo.wfm.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openmargo.wfm.coherence.CacheCoherence;
import org.openmargo.wfm.coherence.ChangeFeed;
import org.openmargo.wfm.coherence.ChangeSubscriber;
import org.openmargo.wfm.desiredstate.ManifestCache;
import org.openmargo.wfm.desiredstate.ValidatedDeployment;

/**
 * Two instances' stores on one PostgreSQL schema: a change committed through A reaches B's manifest cache through
 * {@code LISTEN}/{@code NOTIFY}, although B's time to live is an hour; a rolled-back change announces nothing; a feed
 * whose connection is killed reconnects and drops everything.
 */
class ChangeFeedPostgresTest {
    private static final String ID = "a3e2f5dc-912e-494f-8395-52cf3769bc06";
    private static final ChangeFeed.Timing FAST = new ChangeFeed.Timing(Duration.ofMillis(200), Duration.ofMillis(50),
            Duration.ofMillis(200));

    private String schema;
    private Database a;
    private Database b;
    private ChangeFeed feed;
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private String applicationName;

    @BeforeEach
    void open() {
        schema = TestDatabase.createPostgresSchema();
        a = Database.open(TestDatabase.postgresSettings(schema));
        b = Database.open(TestDatabase.postgresSettings(schema));
        applicationName = "feed-test " + schema;
    }

    @AfterEach
    void close() {
        if (feed != null) {
            feed.close();
        }
        b.close();
        a.close();
        TestDatabase.dropPostgresSchema(schema);
    }

    private void listen(ChangeSubscriber subscriber) {
        feed = ChangeFeed.start(() -> {
            Properties p = new Properties();
            p.setProperty("user", TestDatabase.POSTGRES_USER);
            p.setProperty("ApplicationName", applicationName);
            return DriverManager.getConnection(TestDatabase.postgresUrl(schema), p);
        }, b.changeChannel().orElseThrow(), subscriber, FAST);
        await(feed::listening);
    }

    private static ValidatedDeployment deployment(String revision) {
        String yaml = "apiVersion: application.margo.org/v1alpha1\nkind: ApplicationDeployment\nid: " + ID
                + "\nmetadata:\n  name: app\n  revision: " + revision + "\n";
        return new ValidatedDeployment(ID, "device-1", "app", List.of("web"), yaml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void changeChannel_sameSchema_sameChannel_otherSchema_otherChannel() {
        assertThat(a.changeChannel()).isPresent().isEqualTo(b.changeChannel());
        String other = TestDatabase.createPostgresSchema();
        try (Database c = Database.open(TestDatabase.postgresSettings(other))) {
            assertThat(c.changeChannel()).isPresent().isNotEqualTo(a.changeChannel());
        } finally {
            TestDatabase.dropPostgresSchema(other);
        }
    }

    @Test
    void put_onA_dropsTheEntryInBsCacheAtOnce() {
        ManifestCache cacheOfB = ManifestCache.create(b.desiredState(), Duration.ofHours(1), 100);
        listen(new CacheCoherence(cacheOfB, Duration.ofSeconds(1)));
        assertThat(cacheOfB.manifest("c1").version()).isEqualTo(1);

        ManifestCache.create(a.desiredState(), Duration.ofHours(1), 100).put("c1", deployment("1"));

        await(() -> cacheOfB.manifest("c1").version() == 2);
        assertThat(cacheOfB.manifest("c1").version()).isEqualTo(2);
    }

    @Test
    void put_inATransactionThatRollsBack_announcesNothing() {
        listen(recording());
        try {
            a.transactions().inTransaction("test", () -> {
                a.desiredState().put("rolled-back", deployment("1"));
                throw new IllegalStateException("roll back");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        a.desiredState().put("committed", deployment("1"));

        await(() -> heard.contains("changed committed"));
        assertThat(heard).doesNotContain("changed rolled-back");
    }

    @Test
    void feedConnection_terminated_reportsLostThenRestoredAndHearsAgain() throws SQLException {
        listen(recording());
        assertThat(heard).containsExactly("lost", "restored");

        try (Connection c = DriverManager.getConnection(TestDatabase.POSTGRES_URL, TestDatabase.POSTGRES_USER, "");
             PreparedStatement s = c.prepareStatement(
                     "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?")) {
            s.setString(1, applicationName);
            s.execute();
        }

        await(() -> heard.size() >= 4 && feed.listening());
        assertThat(heard).containsExactly("lost", "restored", "lost", "restored");
        a.desiredState().put("after", deployment("1"));
        await(() -> heard.contains("changed after"));
    }

    private ChangeSubscriber recording() {
        return new ChangeSubscriber() {
            @Override
            public void changed(String clientId) {
                heard.add("changed " + clientId);
            }

            @Override
            public void lost() {
                heard.add("lost");
            }

            @Override
            public void restored() {
                heard.add("restored");
            }
        };
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}

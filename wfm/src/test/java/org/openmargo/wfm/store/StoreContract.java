package org.openmargo.wfm.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.openmargo.wfm.desiredstate.ValidatedDeployment;

/**
 * What every store contract test needs: the database of the running backend and client ids no other test uses, so
 * tests sharing one database never see each other's rows.
 */
abstract class StoreContract {
    /** Prefix of every client id this test instance creates. */
    final String prefix = "c" + UUID.randomUUID().toString().substring(0, 8) + "-";

    static final Instant START = Instant.parse("2026-11-05T10:15:30.123456789Z");

    abstract TestDatabase db();

    @BeforeEach
    void resetClock() {
        db().clock.set(START);
    }

    String client(String name) {
        return prefix + name;
    }

    static ValidatedDeployment deployment(String id, String yaml, String... components) {
        return new ValidatedDeployment(id, "device-1", "app-" + id.substring(0, 4), List.of(components),
                yaml.getBytes(StandardCharsets.UTF_8));
    }

    static String yaml(String id, String revision) {
        return "apiVersion: application.margo.org/v1alpha1\nkind: ApplicationDeployment\nid: " + id
                + "\nmetadata:\n  name: app\n  revision: " + revision + "\n";
    }
}

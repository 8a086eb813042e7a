package org.openmargo.wfm.store;

/** The statements of {@link JdbcRolloutStore}. */
final class RolloutSql {
    private RolloutSql() {
    }

    private static final String COLUMNS = """
            rollout_id, intent_id, from_version, to_version, waves, success_threshold, error_threshold,
            wave_timeout_ms, state, current_wave, wave_started_at, reason, rollback_of, created_by, created_at""";

    static final Named INSERT = Named.of("rollout.insert", "INSERT INTO rollout (" + COLUMNS + ", app_id) "
            + "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, app_id FROM fleet_intent WHERE intent_id = ?");

    static final Named UPDATE = Named.of("rollout.update", """
            UPDATE rollout SET state = ?, current_wave = ?, wave_started_at = ?, reason = ? WHERE rollout_id = ?""");

    static final Named ROLLOUT = Named.of("rollout.rollout", "SELECT " + COLUMNS
            + " FROM rollout WHERE rollout_id = ?");

    static final Named LOCK = Named.of("rollout.lock", "SELECT " + COLUMNS
            + " FROM rollout WHERE rollout_id = ? FOR UPDATE");

    static final Named ALL = Named.of("rollout.all", "SELECT " + COLUMNS + " FROM rollout");

    static final Named RUNNING = Named.of("rollout.running",
            "SELECT rollout_id FROM rollout WHERE state = 'RUNNING'");

    static final Named INSERT_DEVICE = Named.of("rollout.insert-device", """
            INSERT INTO rollout_device (rollout_id, client_id, device_id, wave, excluded) VALUES (?, ?, ?, ?, FALSE)""");

    static final Named EXCLUDE = Named.of("rollout.exclude", """
            UPDATE rollout_device SET excluded = TRUE WHERE rollout_id = ? AND client_id = ? AND device_id = ?""");

    /** Each device with its member (of the rollout's intent), its deployment and its latest status report. */
    static final Named DEVICES = Named.of("rollout.devices", """
            SELECT rd.client_id, rd.device_id, rd.wave, rd.excluded, m.version, m.applied_version, m.placement,
                   m.reason, d.since_version, s.adopted_version, s.state, s.body, s.received_at
            FROM rollout_device rd
            LEFT JOIN fleet_member m
              ON m.intent_id = ? AND m.client_id = rd.client_id AND m.device_id = rd.device_id
            LEFT JOIN deployment d
              ON d.client_id = m.client_id AND d.deployment_id = m.deployment_id AND d.removed_in_version IS NULL
            LEFT JOIN deployment_status s
              ON s.client_id = d.client_id AND s.deployment_id = d.deployment_id
            WHERE rd.rollout_id = ?""");

    /** Every statement above, for registration as a named statement. */
    static final java.util.List<Named> ALL_STATEMENTS = java.util.List.of(INSERT, UPDATE, ROLLOUT, LOCK, ALL, RUNNING,
            INSERT_DEVICE, EXCLUDE, DEVICES);
}

package org.openmargo.wfm.store;

/** The statements of {@link JdbcFleetStore}. */
final class FleetSql {
    private FleetSql() {
    }

    private static final String INTENT_COLUMNS = """
            intent_id, name, namespace, app_id, version, profile_id, parameters, selector, remove_on_mismatch,
            deleted, created_by, created_at, staged""";

    static final Named INSERT_INTENT = Named.of("fleet.insert-intent", "INSERT INTO fleet_intent ("
            + INTENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

    static final Named UPDATE_INTENT = Named.of("fleet.update-intent", """
            UPDATE fleet_intent SET version = ?, profile_id = ?, parameters = ?, selector = ?, remove_on_mismatch = ?,
                deleted = ?, staged = ?
            WHERE intent_id = ?""");

    static final Named DELETE_INTENT = Named.of("fleet.delete-intent", "DELETE FROM fleet_intent WHERE intent_id = ?");

    static final Named INTENT = Named.of("fleet.intent", "SELECT " + INTENT_COLUMNS
            + " FROM fleet_intent WHERE intent_id = ?");

    static final Named LOCK_INTENT = Named.of("fleet.lock-intent", "SELECT " + INTENT_COLUMNS
            + " FROM fleet_intent WHERE intent_id = ? FOR UPDATE");

    static final Named INTENTS = Named.of("fleet.intents", "SELECT " + INTENT_COLUMNS + " FROM fleet_intent");

    private static final String MEMBER_COLUMNS = """
            intent_id, client_id, device_id, deployment_id, version, applied_version, placement, reason""";

    static final Named MEMBERS = Named.of("fleet.members", "SELECT " + MEMBER_COLUMNS
            + " FROM fleet_member WHERE client_id = ?");

    static final Named MEMBERS_OF = Named.of("fleet.members-of", "SELECT " + MEMBER_COLUMNS
            + " FROM fleet_member WHERE intent_id = ?");

    static final Named MEMBER_CLIENTS = Named.of("fleet.member-clients",
            "SELECT DISTINCT client_id FROM fleet_member");

    static final Named UPDATE_MEMBER = Named.of("fleet.update-member", """
            UPDATE fleet_member SET deployment_id = ?, app_id = ?, version = ?, applied_version = ?, placement = ?,
                reason = ?
            WHERE intent_id = ? AND client_id = ? AND device_id = ?""");

    static final Named INSERT_MEMBER = Named.of("fleet.insert-member", """
            INSERT INTO fleet_member (deployment_id, app_id, version, applied_version, placement, reason, intent_id,
                client_id, device_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""");

    static final Named DELETE_MEMBER = Named.of("fleet.delete-member", """
            DELETE FROM fleet_member WHERE intent_id = ? AND client_id = ? AND device_id = ?""");

    static final Named LABELS = Named.of("fleet.labels", "SELECT name, label FROM client_label WHERE client_id = ?");

    static final Named ALL_LABELS = Named.of("fleet.all-labels", "SELECT client_id, name, label FROM client_label");

    static final Named LABEL = Named.of("fleet.label", """
            SELECT label FROM client_label WHERE client_id = ? AND name = ?""");

    static final Named UPDATE_LABEL = Named.of("fleet.update-label", """
            UPDATE client_label SET label = ?, updated_at = ? WHERE client_id = ? AND name = ?""");

    static final Named INSERT_LABEL = Named.of("fleet.insert-label", """
            INSERT INTO client_label (label, updated_at, client_id, name) VALUES (?, ?, ?, ?)""");

    static final Named DELETE_LABEL = Named.of("fleet.delete-label", """
            DELETE FROM client_label WHERE client_id = ? AND name = ?""");

    static final Named ACTIVE_ROLLOUT = Named.of("fleet.active-rollout", """
            SELECT rollout_id FROM rollout WHERE intent_id = ? AND state IN ('RUNNING', 'PAUSED')""");

    /** Every statement above, for registration as a named statement. */
    static final java.util.List<Named> ALL = java.util.List.of(INSERT_INTENT, UPDATE_INTENT, DELETE_INTENT, INTENT,
            LOCK_INTENT, INTENTS, MEMBERS, MEMBERS_OF, MEMBER_CLIENTS, UPDATE_MEMBER, INSERT_MEMBER, DELETE_MEMBER,
            LABELS, ALL_LABELS, LABEL, UPDATE_LABEL, INSERT_LABEL, DELETE_LABEL, ACTIVE_ROLLOUT);
}

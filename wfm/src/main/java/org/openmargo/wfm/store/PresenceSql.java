package org.openmargo.wfm.store;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The statements of {@link JdbcPresenceStore}. A save is a MERGE of several rows; DbClient statements have a fixed
 * text, so there is one statement per row count in {@link #SIZES} and a batch is cut into chunks of those sizes.
 */
final class PresenceSql {
    private PresenceSql() {
    }

    /** The row counts of the MERGE statements, largest first. */
    static final int[] SIZES = {256, 16, 1};

    static final Named SINCE = Named.of("presence.since", """
            SELECT client_id, polled_at, manifest_version FROM client_presence WHERE polled_at >= ?""");

    /** The MERGE of {@code rows} polls: parameters client id, poll time, manifest version per row. */
    static Named save(int rows) {
        String values = IntStream.range(0, rows).mapToObj(i -> "(?, CAST(? AS TIMESTAMP), CAST(? AS BIGINT))")
                .collect(Collectors.joining(", "));
        return Named.of("presence.save-" + rows, """
                MERGE INTO client_presence p
                USING (VALUES %s) AS s (client_id, polled_at, manifest_version)
                ON p.client_id = s.client_id
                WHEN MATCHED AND s.polled_at > p.polled_at THEN
                    UPDATE SET polled_at = s.polled_at, manifest_version = s.manifest_version
                WHEN NOT MATCHED THEN INSERT (client_id, polled_at, manifest_version)
                    VALUES (s.client_id, s.polled_at, s.manifest_version)""".formatted(values));
    }

    static final List<Named> ALL = java.util.stream.Stream.concat(java.util.stream.Stream.of(SINCE),
            IntStream.of(SIZES).mapToObj(PresenceSql::save)).toList();
}

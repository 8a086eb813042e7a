package org.openmargo.wfm.store;

import java.util.List;
import io.helidon.dbclient.DbStatements;

/**
 * A named SQL statement: the stores run statements by name through Helidon DbClient, which looks the text up in the
 * {@link DbStatements} built by {@link #statements(List)}.
 *
 * @param name unique among all statements, {@code area.what}
 * @param sql  the statement text with positional {@code ?} parameters
 */
record Named(String name, String sql) {

    static Named of(String name, String sql) {
        return new Named(name, sql);
    }

    /**
     * The DbClient statements of every named statement in {@code groups}.
     *
     * @throws IllegalStateException when two statements share a name
     */
    static DbStatements statements(List<List<Named>> groups) {
        DbStatements.Builder builder = DbStatements.builder();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (List<Named> group : groups) {
            for (Named statement : group) {
                if (!seen.add(statement.name())) {
                    throw new IllegalStateException("statement name used twice: " + statement.name());
                }
                builder.addStatement(statement.name(), statement.sql());
            }
        }
        return builder.build();
    }
}

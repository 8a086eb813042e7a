package org.openmargo.wfm.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Binding parameters and reading simple results, shared by the stores. */
final class Rows {
    private Rows() {
    }

    /**
     * A statement with its parameters bound by type: String, Long, Integer, Boolean, byte[] or LocalDateTime. The
     * caller closes it.
     */
    static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        try {
            for (int i = 0; i < params.length; i++) {
                bind(s, i + 1, params[i]);
            }
            return s;
        } catch (SQLException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private static void bind(PreparedStatement s, int index, Object value) throws SQLException {
        switch (value) {
            case String v -> s.setString(index, v);
            case Long v -> s.setLong(index, v);
            case Integer v -> s.setInt(index, v);
            case Boolean v -> s.setBoolean(index, v);
            case byte[] v -> s.setBytes(index, v);
            case java.time.LocalDateTime v -> s.setObject(index, v);
            default -> throw new IllegalArgumentException("unsupported parameter type: " + value.getClass());
        }
    }

    /** The first column of every row, sorted in String order (database collations differ). */
    static List<String> sortedStrings(Connection c, String sql, Object... params) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement s = prepare(c, sql, params); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                values.add(r.getString(1));
            }
        }
        values.sort(null);
        return List.copyOf(values);
    }
}

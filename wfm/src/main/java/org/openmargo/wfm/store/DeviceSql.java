package org.openmargo.wfm.store;

/** The statements of {@link JdbcDeviceStore}; every one is scoped by client id. */
final class DeviceSql {
    private DeviceSql() {
    }

    /** Locks the parent so that it cannot be deleted while a child is attached to it. */
    static final String LOCK_DEVICE = "SELECT device_id FROM device WHERE client_id = ? AND device_id = ? FOR UPDATE";

    static final String REPLACE = """
            UPDATE device SET hosting = ?, capabilities = ?, updated_at = ? WHERE client_id = ? AND device_id = ?""";

    static final String INSERT = """
            INSERT INTO device (hosting, capabilities, updated_at, client_id, device_id, parent_id)
            VALUES (?, ?, ?, ?, ?, ?)""";

    /** Children go with their parent through the ON DELETE CASCADE of device_parent_fk. */
    static final String DELETE = "DELETE FROM device WHERE client_id = ? AND device_id = ?";

    static final String DEVICES = "SELECT device_id, capabilities, updated_at FROM device WHERE client_id = ?";

    static final String CLIENTS = "SELECT DISTINCT client_id FROM device";
}

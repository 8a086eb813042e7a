package org.openmargo.wfm.store;

/** The statements of {@link JdbcDeviceStore}; every one is scoped by client id. */
final class DeviceSql {
    private DeviceSql() {
    }

    /** Locks the parent so that it cannot be deleted while a child is attached to it. */
    static final Named LOCK_DEVICE = Named.of("device.lock-device", """
            SELECT device_id FROM device WHERE client_id = ? AND device_id = ? FOR UPDATE""");

    static final Named REPLACE = Named.of("device.replace", """
            UPDATE device SET hosting = ?, capabilities = ?, updated_at = ? WHERE client_id = ? AND device_id = ?""");

    static final Named INSERT = Named.of("device.insert", """
            INSERT INTO device (hosting, capabilities, updated_at, client_id, device_id, parent_id)
            VALUES (?, ?, ?, ?, ?, ?)""");

    /** Children go with their parent through the ON DELETE CASCADE of device_parent_fk. */
    static final Named DELETE = Named.of("device.delete", "DELETE FROM device WHERE client_id = ? AND device_id = ?");

    static final Named DEVICES = Named.of("device.devices", """
            SELECT device_id, capabilities, updated_at FROM device WHERE client_id = ?""");

    static final Named CLIENTS = Named.of("device.clients", "SELECT DISTINCT client_id FROM device");

    /** Every statement above, for registration as a named statement. */
    static final java.util.List<Named> ALL = java.util.List.of(LOCK_DEVICE, REPLACE, INSERT, DELETE, DEVICES, CLIENTS);
}

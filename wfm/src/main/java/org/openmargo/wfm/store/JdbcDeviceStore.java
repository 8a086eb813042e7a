package org.openmargo.wfm.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.openmargo.wfm.device.Capabilities;
import org.openmargo.wfm.device.DeviceStore;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/** {@link DeviceStore} over JDBC. */
final class JdbcDeviceStore implements DeviceStore {
    private final Transactor tx;
    private final Clock clock;

    JdbcDeviceStore(Transactor tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public boolean put(String clientId, Capabilities capabilities) {
        return tx.write("storing device capabilities", c -> {
            Optional<String> parent = capabilities.parentId();
            if (parent.isPresent() && !exists(c, clientId, parent.get())) {
                throw new ProblemException(ProblemType.GATEWAY_NOT_FOUND,
                        "no gateway device " + parent.get() + " is registered");
            }
            LocalDateTime now = UtcTime.toColumn(clock.instant());
            try (PreparedStatement s = Rows.prepare(c, DeviceSql.REPLACE, capabilities.hosting(), capabilities.json(),
                    now, clientId, capabilities.deviceId())) {
                if (s.executeUpdate() == 1) {
                    return false;
                }
            }
            // A concurrent first put of the same id makes this insert fail with 23505; the Transactor reruns the
            // whole put, which then replaces.
            try (PreparedStatement s = c.prepareStatement(DeviceSql.INSERT)) {
                s.setBoolean(1, capabilities.hosting());
                s.setBytes(2, capabilities.json());
                s.setObject(3, now);
                s.setString(4, clientId);
                s.setString(5, capabilities.deviceId());
                s.setString(6, parent.orElse(null));
                s.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public void delete(String clientId, String deviceId) {
        tx.write("deleting a device", c -> {
            try (PreparedStatement s = Rows.prepare(c, DeviceSql.DELETE, clientId, deviceId)) {
                if (s.executeUpdate() == 0) {
                    throw new ProblemException(ProblemType.DEVICE_NOT_FOUND, "no device " + deviceId + " is registered");
                }
            }
            return null;
        });
    }

    @Override
    public List<Device> devices(String clientId) {
        return tx.read("listing devices", c -> {
            List<Device> devices = new ArrayList<>();
            try (PreparedStatement s = Rows.prepare(c, DeviceSql.DEVICES, clientId); ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    devices.add(new Device(r.getString(1), r.getBytes(2),
                            UtcTime.fromColumn(r.getObject(3, LocalDateTime.class))));
                }
            }
            devices.sort(Comparator.comparing(Device::deviceId));
            return List.copyOf(devices);
        });
    }

    @Override
    public List<String> clients() {
        return tx.read("listing device clients", c -> Rows.sortedStrings(c, DeviceSql.CLIENTS));
    }

    private static boolean exists(Connection c, String clientId, String deviceId) throws SQLException {
        try (PreparedStatement s = Rows.prepare(c, DeviceSql.LOCK_DEVICE, clientId, deviceId);
             ResultSet r = s.executeQuery()) {
            return r.next();
        }
    }
}

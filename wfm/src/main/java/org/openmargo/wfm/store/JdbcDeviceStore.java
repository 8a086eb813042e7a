package org.openmargo.wfm.store;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import org.openmargo.wfm.device.Capabilities;
import org.openmargo.wfm.device.DeviceRows;
import org.openmargo.wfm.device.DeviceStore.Device;

/** {@link DeviceRows} on Helidon DbClient. */
final class JdbcDeviceStore implements DeviceRows {
    private final Transactor tx;
    private final Clock clock;

    JdbcDeviceStore(Transactor tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public boolean lock(String clientId, String deviceId) {
        return tx.read("locking a device", s -> s.first(DeviceSql.LOCK_DEVICE, r -> true, clientId, deviceId)
                .isPresent());
    }

    @Override
    public boolean replace(String clientId, Capabilities capabilities) {
        return tx.write("storing device capabilities", s -> s.dml(DeviceSql.REPLACE, capabilities.hosting(),
                capabilities.json(), UtcTime.toColumn(clock.instant()), clientId, capabilities.deviceId()) == 1);
    }

    @Override
    public void insert(String clientId, Capabilities capabilities) {
        tx.write("storing device capabilities", s -> s.dml(DeviceSql.INSERT, capabilities.hosting(),
                capabilities.json(), UtcTime.toColumn(clock.instant()), clientId, capabilities.deviceId(),
                capabilities.parentId().orElse(null)));
    }

    @Override
    public boolean delete(String clientId, String deviceId) {
        return tx.write("deleting a device", s -> s.dml(DeviceSql.DELETE, clientId, deviceId) > 0);
    }

    @Override
    public List<Device> devices(String clientId) {
        return tx.read("listing devices", s -> s.list(DeviceSql.DEVICES,
                        r -> new Device(Sql.string(r, 1), Sql.bytes(r, 2), Sql.instant(r, 3)), clientId)
                .stream().sorted(Comparator.comparing(Device::deviceId)).toList());
    }

    @Override
    public List<String> clients() {
        return tx.read("listing device clients", s -> s.sortedStrings(DeviceSql.CLIENTS));
    }
}

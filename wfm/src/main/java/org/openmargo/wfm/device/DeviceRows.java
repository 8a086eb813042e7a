package org.openmargo.wfm.device;

import java.util.List;

/**
 * The rows behind {@link DeviceStore}: no rules, only reads and writes scoped by client id. Calls made inside a
 * transaction callback join that transaction.
 */
public interface DeviceRows {

    /** Locks the device row, so that it cannot be deleted while a child is attached; false when there is none. */
    boolean lock(String clientId, String deviceId);

    /** Replaces the capabilities of an existing device, stamped with the current time; false when there is none. */
    boolean replace(String clientId, Capabilities capabilities);

    /** Inserts a device; fails with a unique violation (the transaction reruns) when it exists. */
    void insert(String clientId, Capabilities capabilities);

    /** Deletes a device and, by cascade, its children; false when there was none. */
    boolean delete(String clientId, String deviceId);

    /** The devices of a client ordered by id. */
    List<DeviceStore.Device> devices(String clientId);

    /** Ids of every client that registered a device. */
    List<String> clients();
}

package org.openmargo.wfm.device;

import java.time.Instant;
import java.util.List;

/**
 * Devices and their latest capabilities, per client. Device ids are scoped to the client: two clients reporting the
 * same id are two devices. Implementations are thread safe.
 */
public interface DeviceStore {

    /**
     * Creates or fully replaces (never merges) the capabilities of a device.
     *
     * @return {@code true} when the device was created, {@code false} when it was replaced
     * @throws org.openmargo.wfm.problem.ProblemException {@code GATEWAY_NOT_FOUND} when a child's parent is unknown
     */
    boolean put(String clientId, Capabilities capabilities);

    /**
     * Unregisters a device and every child below it.
     *
     * @throws org.openmargo.wfm.problem.ProblemException {@code DEVICE_NOT_FOUND} when this client has no such device
     */
    void delete(String clientId, String deviceId);

    /**
     * Registers a listener told the client id after each committed put or delete of one of its devices, on the thread
     * that made the change; it must return quickly (hand work off) and not throw.
     */
    default void onChange(java.util.function.Consumer<String> listener) {
        throw new UnsupportedOperationException("this device store does not report changes");
    }

    /** The devices of a client ordered by id. */
    List<Device> devices(String clientId);

    /** Ids of every client that registered a device. */
    List<String> clients();

    /**
     * @param deviceId     device id
     * @param capabilities the last capabilities document as received
     * @param updatedAt    when it was last put
     */
    record Device(String deviceId, byte[] capabilities, Instant updatedAt) {
    }
}

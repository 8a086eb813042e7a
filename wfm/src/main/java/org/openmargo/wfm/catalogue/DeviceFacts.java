package org.openmargo.wfm.catalogue;

import java.util.Optional;

/**
 * What rendering and eligibility matching know about one target device.
 *
 * @param clientId     the WFM client that polls for the device
 * @param deviceId     the Margo device id, written to {@code metadata.deviceId}
 * @param capabilities the last capabilities document the device reported (the rc.3 {@code DeviceCapabilitiesManifest}
 *                     bytes as stored), empty when it never reported any; a device without capabilities is not
 *                     placeable
 */
public record DeviceFacts(String clientId, String deviceId, Optional<byte[]> capabilities) {
    public DeviceFacts {
        if (clientId == null || deviceId == null || capabilities == null) {
            throw new IllegalArgumentException("device facts need a client id, a device id and an optional capabilities");
        }
    }
}

package org.openmargo.wfm.device;

/**
 * A DeviceCapabilitiesManifest that passed the rc.3 rules of spec section e.
 *
 * @param deviceId the device id from the path (equal to {@code properties.id})
 * @param hosting  whether the device hosts workloads (it reports the hosting fields) or is a see-thru gateway
 * @param json     the exact request body as received, stored for operators
 */
public record Capabilities(String deviceId, boolean hosting, byte[] json) {
    /** The parent device id for a child behind a gateway ({@code gw1/devA} has parent {@code gw1}); empty at the root. */
    public java.util.Optional<String> parentId() {
        int slash = deviceId.lastIndexOf('/');
        return slash < 0 ? java.util.Optional.empty() : java.util.Optional.of(deviceId.substring(0, slash));
    }
}

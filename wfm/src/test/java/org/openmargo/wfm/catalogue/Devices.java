package org.openmargo.wfm.catalogue;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Optional;

/** Capabilities documents (the rc.3 DeviceCapabilitiesManifest) of test devices. */
final class Devices {
    private Devices() {
    }

    /** A 4-core amd64 Northstar device with 8 GiB, 64 GiB, Helm and Compose, label {@code site}. */
    static final String NORTHSTAR = """
            {"properties": {"id": "dev-1", "vendor": "Northstar", "modelNumber": "X1", "serialNumber": "S1",
              "cpus": [{"cores": 2, "architecture": "amd64"}, {"cores": 2, "architecture": "amd64"}],
              "memory": "8 Gi", "storage": "64Gi", "peripherals": [{"type": "gpu", "manufacturer": "NVIDIA"}],
              "interfaces": [{"type": "ethernet"}], "otelCollector": true, "supportedRuntimes": ["oci"],
              "supportedDeploymentTypes": ["helm", "compose"]},
             "labels": {"site": "plant-1", "tier": 2}}
            """;

    /** {@link #NORTHSTAR} with {@code from} (exactly once) replaced by {@code to}. */
    static String northstarWith(String from, String to) {
        int at = NORTHSTAR.indexOf(from);
        if (at < 0 || NORTHSTAR.indexOf(from, at + 1) >= 0) {
            throw new IllegalArgumentException("not exactly once in the fixture: " + from);
        }
        return NORTHSTAR.substring(0, at) + to + NORTHSTAR.substring(at + from.length());
    }

    static DeviceFacts facts(String capabilities) {
        return new DeviceFacts("client-1", "dev-1", Optional.of(capabilities.getBytes(UTF_8)));
    }
}

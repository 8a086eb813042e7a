package org.openmargo.agent.capabilities;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.openmargo.agent.config.AgentConfig.Device;
import org.openmargo.agent.config.AgentConfig.Peripheral;

class CapabilitiesDocumentTest {
    private static final HostFacts HOST = new HostFacts(24, Optional.of("amd64"),
            OptionalLong.of(59L * 1024 * 1024 * 1024 + 5), OptionalLong.of(1862L * 1024 * 1024 * 1024 + 7),
            List.of("wifi", "ethernet", "wifi"));

    private static Device device(Map<String, String> labels) {
        return new Device("northstar.xtapro.edge", "Northstar Industrial Devices", "332ANZE1-N1", "PF45343-AA",
                labels, List.of(new Peripheral("gpu", Optional.of("NVIDIA"), Optional.of("T4")),
                new Peripheral("camera", Optional.empty(), Optional.empty())),
                List.of("oci"), List.of("helm", "compose"), true);
    }

    @Test
    void build_fixedFacts_exactRc3Document() {
        String json = CapabilitiesDocument.build(HOST,
                device(Map.of("example.com/site", "plant-7", "example.com/line", "packaging")));

        assertThat(json).isEqualTo("{\"properties\":{\"id\":\"northstar.xtapro.edge\","
                + "\"vendor\":\"Northstar Industrial Devices\",\"modelNumber\":\"332ANZE1-N1\","
                + "\"serialNumber\":\"PF45343-AA\",\"cpus\":[{\"cores\":24,\"architecture\":\"amd64\"}],"
                + "\"memory\":\"60416Mi\",\"storage\":\"1862Gi\","
                + "\"peripherals\":[{\"type\":\"gpu\",\"manufacturer\":\"NVIDIA\",\"model\":\"T4\"},{\"type\":\"camera\"}],"
                + "\"interfaces\":[{\"type\":\"ethernet\"},{\"type\":\"wifi\"}],\"otelCollector\":true,"
                + "\"supportedRuntimes\":[\"oci\"],\"supportedDeploymentTypes\":[\"helm\",\"compose\"]},"
                + "\"labels\":{\"example.com/line\":\"packaging\",\"example.com/site\":\"plant-7\"}}");
    }

    @Test
    void build_unknownFactsAndNoLabels_omitsThem() {
        HostFacts bare = new HostFacts(2, Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), List.of());

        assertThat(CapabilitiesDocument.build(bare, device(Map.of())))
                .contains("\"cpus\":[{\"cores\":2}],\"peripherals\"")
                .contains("\"interfaces\":[]")
                .doesNotContain("memory", "storage", "labels")
                .endsWith("\"supportedDeploymentTypes\":[\"helm\",\"compose\"]}}");
    }

    @Test
    void build_sameInputsInAnyLabelOrder_identicalBytes() {
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        labels.put("b", "2");
        labels.put("a", "1");

        assertThat(CapabilitiesDocument.build(HOST, device(labels)))
                .isEqualTo(CapabilitiesDocument.build(HOST, device(Map.of("a", "1", "b", "2"))));
    }

    @Test
    void string_quotesBackslashesAndControlCharacters_escaped() {
        StringBuilder json = CapabilitiesDocument.string(new StringBuilder(), "a\"b\\c\nd\te\u0001f\u00e9");

        assertThat(json).hasToString("\"a\\\"b\\\\c\\nd\\te\\u0001f\u00e9\"");
    }

    @Test
    void architecture_osArchValues_mappedToSchemaNames() {
        assertThat(HostFacts.architecture("x86_64")).contains("amd64");
        assertThat(HostFacts.architecture("amd64")).contains("amd64");
        assertThat(HostFacts.architecture("aarch64")).contains("arm64");
        assertThat(HostFacts.architecture("arm")).contains("arm");
        assertThat(HostFacts.architecture("riscv64")).isEmpty();
    }

    @Test
    void interfaceType_linuxNames_mappedOrSkipped() {
        assertThat(HostFacts.interfaceType("eth0")).contains("ethernet");
        assertThat(HostFacts.interfaceType("enp3s0")).contains("ethernet");
        assertThat(HostFacts.interfaceType("wlan0")).contains("wifi");
        assertThat(HostFacts.interfaceType("wlp2s0")).contains("wifi");
        assertThat(HostFacts.interfaceType("wwan0")).contains("cellular");
        assertThat(HostFacts.interfaceType("can0")).contains("canbus");
        for (String skipped : List.of("lo", "docker0", "veth12ab", "br-1f2e", "virbr0", "tun0", "vcan0")) {
            assertThat(HostFacts.interfaceType(skipped)).as(skipped).isEmpty();
        }
    }

    @Test
    void memTotal_procMeminfo_bytes() {
        String meminfo = "MemTotal:       16314204 kB\nMemFree:         1234567 kB\n";

        assertThat(HostFacts.memTotal(meminfo)).hasValue(16314204L * 1024);
        assertThat(HostFacts.memTotal("MemFree: 1 kB\n")).isEmpty();
    }

    @Test
    void discover_thisHost_readsCoresAndStorage() {
        HostFacts facts = HostFacts.discover(Path.of("target/does-not-exist-yet/state"));

        assertThat(facts.cores()).isPositive();
        assertThat(facts.storageBytes()).isPresent();
        assertThat(HostFacts.INTERFACE_TYPES).containsAll(facts.interfaces());
    }
}

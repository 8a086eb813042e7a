package org.openmargo.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Realistic rc.3 ApplicationDeployment YAMLs for benchmark set-ups. */
final class PollFixtures {
    private PollFixtures() {
    }

    static byte[] deploymentYaml(UUID id, String deviceId) {
        return ("""
                id: %s
                metadata:
                  name: line-monitor
                  namespace: plant-7
                  deviceId: %s
                spec:
                  applicationId: line-monitor
                  deploymentProfile:
                    type: helm
                    components:
                      - name: collector
                        properties:
                          repository: oci://registry.example.com/charts/collector
                          revision: 1.4.2
                          wait: true
                          timeout: 5m0s
                      - name: dashboard
                        properties:
                          repository: oci://registry.example.com/charts/dashboard
                          revision: 2.0.0
                  parameters:
                    sampleRate:
                      value: 250
                      targets:
                        - pointer: collector.sampleRate
                          components: [collector]
                """).formatted(id, deviceId).getBytes(StandardCharsets.UTF_8);
    }
}

package org.openmargo.agent.status;

import java.io.IOException;
import java.util.Map;

import org.openmargo.agent.transport.WfmClient;
import org.openmargo.agent.transport.WfmRequest;
import org.openmargo.agent.transport.WfmResponse;

/**
 * Sends one status body to the WFM: {@code POST /api/v1/deployments/{deploymentId}/status} with
 * {@code Content-Type: application/json} (digest a.7). {@link #over(WfmClient)} is the port over the agent's mTLS
 * client.
 */
@FunctionalInterface
public interface StatusPort {

    /**
     * Posts {@code json} for {@code deploymentId}.
     *
     * @return the WFM's answer (its status, and its {@code Retry-After} and problem body for the retry decision)
     * @throws IOException if no HTTP answer was received (connection, TLS or timeout failure)
     */
    WfmResponse post(String deploymentId, byte[] json) throws IOException;

    /** The port over {@code client}; an interrupted send becomes an {@link IOException}, the interrupt kept. */
    static StatusPort over(WfmClient client) {
        return (deploymentId, json) -> {
            try {
                return client.send(new WfmRequest("POST", "/api/v1/deployments/" + deploymentId + "/status",
                        Map.of("Content-Type", "application/json"), json));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while posting a status report", e);
            }
        };
    }
}

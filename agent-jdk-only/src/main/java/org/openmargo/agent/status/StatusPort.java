package org.openmargo.agent.status;

import java.io.IOException;

import org.openmargo.agent.transport.WfmResponse;

/**
 * Sends one status body to the WFM: {@code POST /api/v1/deployments/{deploymentId}/status} with
 * {@code Content-Type: application/json} (digest a.7). The transport's WFM client implements it.
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
}

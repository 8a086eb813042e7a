package org.openmargo.wfm.http;

import io.helidon.webserver.http.HttpRouting;
import org.openmargo.wfm.desiredstate.ManifestCache;
import org.openmargo.wfm.device.DeviceStore;
import org.openmargo.wfm.identity.CallerAuthenticator;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;
import org.openmargo.wfm.status.StatusStore;
import org.openmargo.wfm.problem.StoreException;

/**
 * The Margo device API routing (spec section a): authentication of every request, the six endpoints, and one error
 * mapping so that every failure is a problem+json answer and none is a bare 500.
 */
public final class DeviceApi {
    private DeviceApi() {
    }

    /**
     * Adds the device API to a routing.
     *
     * @param routing       the routing of the mTLS listener
     * @param authenticator the per-request identity and policy check
     * @param desiredState  manifests and artifacts
     * @param devices       capabilities
     * @param statuses      deployment statuses
     * @param maxBodyBytes  the largest request body accepted
     */
    public static void register(HttpRouting.Builder routing, CallerAuthenticator authenticator,
                                ManifestCache desiredState, DeviceStore devices, StatusStore statuses,
                                int maxBodyBytes) {
        routing.addFilter(new AuthenticationFilter(authenticator))
                .register(new CapabilitiesService(devices, maxBodyBytes),
                        new DeploymentsService(desiredState, statuses, maxBodyBytes),
                        new BundlesService(desiredState.store()))
                .any((req, res) -> {
                    throw new ProblemException(ProblemType.NOT_FOUND, "There is no Margo endpoint at this path.");
                });
        errorMapping(routing);
    }

    /**
     * Maps {@link ProblemException} to its problem answer, a database outage to a retryable 503 (the device keeps
     * its state and retries after {@code Retry-After}), any other database failure to a logged, opaque 500, and anything else to a logged, opaque 500.
     */
    public static void errorMapping(HttpRouting.Builder routing) {
        routing.error(ProblemException.class, Problems::send)
                .error(StoreException.class, Problems::store)
                .error(Throwable.class, Problems::internal);
    }
}

package org.openmargo.wfm.httpcommon;

import io.helidon.webserver.http.HttpRouting;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.StoreException;

/**
 * The one error mapping of every listener (device API, operator API, identity-service API), so that every failure is
 * a problem+json answer and none is a bare 500:
 * <ul>
 *     <li>a {@link ProblemException} is answered as that problem;</li>
 *     <li>a {@link StoreException} that is an {@linkplain StoreException#outage() outage} is a retryable 503 with
 *     {@code Retry-After} (a device keeps its state and retries); any other store failure is a logged, opaque 500;</li>
 *     <li>anything else is a logged, opaque 500.</li>
 * </ul>
 * Helidon picks the most specific registered type, so the order of registration does not matter.
 */
public final class ErrorMapping {
    private ErrorMapping() {
    }

    /**
     * The status this mapping answers {@code failure} with, for filters that see the failure pass through them
     * before the error handler answers it (a request metric, a request log). Allocates nothing.
     */
    public static int status(Throwable failure) {
        if (failure instanceof ProblemException problem) {
            return problem.type().status();
        }
        if (failure instanceof StoreException store && store.outage()) {
            return 503;
        }
        return 500;
    }

    /** Adds the mapping to a listener's routing; call it once per routing. */
    public static HttpRouting.Builder register(HttpRouting.Builder routing) {
        return routing.error(ProblemException.class, Problems::send)
                .error(StoreException.class, Problems::store)
                .error(Throwable.class, Problems::internal);
    }
}

package org.openmargo.wfm.observe;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import org.openmargo.wfm.deviceapi.DeviceApi;
import org.openmargo.wfm.httpcommon.ErrorMapping;

/**
 * Measures every device API request and writes a sample of them to the request log. Register it before the device
 * API's own filters, so that refused requests (403 from authentication) are measured too. A failure that passes
 * through on its way to the error mapping is counted with the status that mapping answers.
 *
 * <p>Per request: one time read before and after, the endpoint from the path's prefix, array-indexed meters, the
 * caller's slot in {@link LastSeen}, and one random draw for the log sample.
 */
final class DeviceRequestFilter implements Filter {
    private final Optional<DeviceRequestMeters> meters;
    private final Optional<LastSeen> lastSeen;
    private final RequestLog log;

    DeviceRequestFilter(Optional<DeviceRequestMeters> meters, Optional<LastSeen> lastSeen, RequestLog log) {
        this.meters = meters;
        this.lastSeen = lastSeen;
        this.log = log;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        int status = 500;
        try {
            chain.proceed();
            status = res.status().code();
        } catch (RuntimeException | Error e) {
            status = ErrorMapping.status(e);
            throw e;
        } finally {
            long nanos = System.nanoTime() - start;
            DeviceEndpoint endpoint = DeviceEndpoint.of(req.path().rawPath());
            if (meters.isPresent()) {
                meters.get().record(endpoint, status, nanos);
            }
            if (lastSeen.isPresent() || log.sampleRate() > 0) {
                Optional<String> client = DeviceApi.authenticatedCaller(req);
                if (lastSeen.isPresent() && client.isPresent()) {
                    lastSeen.get().seen(client.get());
                }
                if (log.sampleRate() > 0 && ThreadLocalRandom.current().nextDouble() < log.sampleRate()) {
                    log.write(req, endpoint, client, status, nanos);
                }
            }
        }
    }
}

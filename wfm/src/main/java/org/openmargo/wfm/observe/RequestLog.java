package org.openmargo.wfm.observe;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.helidon.webserver.http.ServerRequest;

/**
 * The device API request log: logger {@value #LOGGER}, level INFO, one record per sampled request with the request
 * id, the authenticated client id (never a credential, a header or a body), the endpoint's route template, the
 * method, the status and the duration. The record's message is a plain text line; its single parameter is the same
 * fields as a map, which the JSON log format writes as top-level fields.
 */
final class RequestLog {
    /** The logger name; set its level to WARNING to silence the request log whatever the sample rate. */
    static final String LOGGER = "org.openmargo.wfm.requests";
    private static final Logger LOG = Logger.getLogger(LOGGER);

    private final double sampleRate;

    /** @param sampleRate the fraction of requests written, 0 to 1 */
    RequestLog(double sampleRate) {
        this.sampleRate = sampleRate;
    }

    double sampleRate() {
        return sampleRate;
    }

    void write(ServerRequest req, DeviceEndpoint endpoint, Optional<String> client, int status, long nanos) {
        if (!LOG.isLoggable(Level.INFO)) {
            return;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("requestId", req.context().id());
        fields.put("clientId", client.orElse(""));
        fields.put("method", req.prologue().method().text());
        fields.put("endpoint", endpoint.template());
        fields.put("status", status);
        fields.put("durationMs", nanos / 1_000_000.0);
        LogRecord record = new LogRecord(Level.INFO, "device request " + fields);
        record.setLoggerName(LOGGER);
        record.setParameters(new Object[] {fields});
        LOG.log(record);
    }
}

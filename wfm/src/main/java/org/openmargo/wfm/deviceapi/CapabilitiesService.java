package org.openmargo.wfm.deviceapi;

import org.openmargo.wfm.httpcommon.Bodies;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.PathMatchers;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openmargo.wfm.device.Capabilities;
import org.openmargo.wfm.device.CapabilitiesValidator;
import org.openmargo.wfm.device.DeviceStore;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/**
 * {@code PUT} and {@code DELETE /api/v1/capabilities/{deviceId}} (spec a.2, a.3). The device id spans path segments
 * ({@code gw1/devA}), so the route is a prefix and the id is read from the raw path.
 */
public final class CapabilitiesService implements HttpService {
    static final String PREFIX = "/api/v1/capabilities/";
    private final DeviceStore devices;
    private final int maxBodyBytes;

    public CapabilitiesService(DeviceStore devices, int maxBodyBytes) {
        this.devices = devices;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.route(m -> true, PathMatchers.create(PREFIX + "*"), this::handle);
    }

    private void handle(ServerRequest req, ServerResponse res) {
        String deviceId = PathIds.after(req, PREFIX).orElse("");
        Method method = req.prologue().method();
        if (method.equals(Method.PUT)) {
            put(req, res, deviceId);
        } else if (method.equals(Method.DELETE)) {
            delete(req, res, deviceId);
        } else {
            res.header(HeaderNames.ALLOW, "PUT, DELETE");
            throw new ProblemException(ProblemType.METHOD_NOT_ALLOWED, "Use PUT or DELETE on a device's capabilities.");
        }
    }

    private void put(ServerRequest req, ServerResponse res, String deviceId) {
        String clientId = Caller.of(req);
        if (!PathIds.isDeviceId(deviceId)) {
            throw new ProblemException(ProblemType.INVALID_REQUEST,
                    "The deviceId in the path is not a valid DeviceId (unreserved characters and '/' separators).");
        }
        Bodies.requireType(req, "application/json", "json");
        byte[] body = Bodies.read(req, maxBodyBytes);
        Capabilities capabilities = CapabilitiesValidator.validate(deviceId, body);
        boolean created = devices.put(clientId, capabilities);
        res.status(created ? Status.CREATED_201 : Status.OK_200).send();
    }

    private void delete(ServerRequest req, ServerResponse res, String deviceId) {
        String clientId = Caller.of(req);
        if (!PathIds.isDeviceId(deviceId)) {
            throw new ProblemException(ProblemType.DEVICE_NOT_FOUND, "This client has no device with that id.");
        }
        devices.delete(clientId, deviceId);
        res.status(Status.NO_CONTENT_204).send();
    }
}

package org.openmargo.wfm.operatorapi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.Json;
import org.openmargo.wfm.identityservice.IdentityService;

/**
 * {@code GET /operator/v1/discovery}: what to configure on a device to enroll it (the discovery URL, the TLS pins, the
 * agent configuration lines) and the discovery document itself. 404 when the WFM has no identity service.
 */
public final class DiscoveryService implements HttpService {
    private final Optional<IdentityService> identityService;

    /** @param identityService the identity service devices enroll with; empty with an external MIS */
    public DiscoveryService(Optional<IdentityService> identityService) {
        this.identityService = Objects.requireNonNull(identityService);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/operator/v1/discovery", this::discovery);
    }

    private void discovery(ServerRequest req, ServerResponse res) {
        IdentityService service = EnrollmentTokensService.required(identityService);
        List<String> pins = service.tlsPins();
        String config = "trust.discovery-url = " + service.discoveryUri() + "\n"
                + (pins.isEmpty() ? "" : "trust.pins = " + String.join(", ", pins) + "\n");
        OperatorApi.json(res, Status.OK_200, Json.createObjectBuilder()
                .add("discoveryUri", service.discoveryUri().toString())
                .add("pins", Json.createArrayBuilder(pins))
                .add("agentConfig", config)
                .add("document", Json.createReader(new java.io.ByteArrayInputStream(service.discoveryJson()))
                        .readObject())
                .build());
    }
}

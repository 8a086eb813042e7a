package org.openmargo.wfm.operatorapi;

import java.nio.charset.StandardCharsets;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonStructure;
import org.openmargo.wfm.httpcommon.ErrorMapping;
import org.openmargo.wfm.identity.ClientId;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/**
 * The minimal operator API, served on its own listener (loopback by default) and protected by the operator token.
 * It is an extension of this product, not part of the Margo API.
 *
 * <pre>
 * GET    /operator/v1/clients                                   every known client with devices, deployments, statuses
 * GET    /operator/v1/clients/{clientId}                        one client
 * POST   /operator/v1/clients/{clientId}/accept                 add the client to the accepted-client policy
 * POST   /operator/v1/clients/{clientId}/retire                 retire it (its requests get 403 from then on)
 * PUT    /operator/v1/clients/{clientId}/deployments            store an ApplicationDeployment YAML (id assigned if absent)
 * DELETE /operator/v1/clients/{clientId}/deployments/{id}       remove a deployment from the client's desired state
 * POST   /operator/v1/clients/{clientId}/svid                   sign a CSR for the client (air-gapped enrollment)
 * POST   /operator/v1/enrollment-tokens                         create a one-time enrollment token
 * GET    /operator/v1/enrollment-tokens                         list tokens, without their secrets
 * DELETE /operator/v1/enrollment-tokens/{tokenId}               revoke an unused token
 * GET    /operator/v1/discovery                                 what to configure on a device to enroll it
 * POST   /operator/v1/apps                                      import an ApplicationDescription (see AppsService)
 * GET    /operator/v1/apps[/{appId}[/versions/{version}[/description]]]  the catalogue; DELETE a version
 * GET    /operator/v1/audit?limit=N                             the audit log, newest first
 * GET    /operator/v1/ca                                        the CA's anchors, bundle sequence and MIS TLS pin
 * POST   /operator/v1/ca/rotation                               {"step": "stage" | "activate" | "finish"}; 409 out of order
 * POST   /operator/v1/fleet-deployments                         deploy an application version by selector (docs/fleet.md)
 * GET    /operator/v1/fleet-deployments[/{id}]                  list, or one with its members
 * PUT    /operator/v1/fleet-deployments/{id}                    change selector, parameters, profile, version
 * DELETE /operator/v1/fleet-deployments/{id}                    delete (the devices' deployments are removed)
 * POST   /operator/v1/rollouts                                  start a staged rollout
 * GET    /operator/v1/rollouts[/{id}]                           list, or one with its progress
 * POST   /operator/v1/rollouts/{id}/pause|resume|cancel|rollback|exclusions
 * GET    /operator/v1/labels, GET|PATCH /operator/v1/clients/{clientId}/labels   operator-assigned client labels
 * </pre>
 * Every change is written to the {@code AuditLog} in the change's own transaction, attributed to the
 * {@code X-Operator-Name} of the request. Each resource is one {@code HttpService} constructed from what it needs:
 * {@link ClientsService}, {@link DeploymentsService}, {@link SvidSigningService}, {@link EnrollmentTokensService},
 * {@link DiscoveryService}, {@link AuditService}, {@link CaService}, {@link AppsService},
 * {@link FleetDeploymentsService}, {@link RolloutsService}, {@link LabelsService}.
 */
public final class OperatorApi {
    private OperatorApi() {
    }

    /**
     * Sets up the operator listener's routing, in the way of Helidon SE's {@code Main.routing}: the operator token
     * and raw-path checks before any resource, the resources, a problem+json 404 for any other path, and the
     * {@link ErrorMapping} every listener shares.
     *
     * @param token     the operator credential every request must present as a Bearer token
     * @param resources the resources, registered in this order before the 404 fallback
     */
    public static HttpRouting.Builder routing(HttpRouting.Builder routing, String token, HttpService... resources) {
        routing.addFilter(new OperatorAuthFilter(token))
                .addFilter(new OperatorPathFilter())
                .register(resources)
                .any((req, res) -> {
                    throw new ProblemException(ProblemType.NOT_FOUND, "There is no operator endpoint at this path.");
                });
        return ErrorMapping.register(routing);
    }

    /**
     * The {@code clientId} path parameter; 400 unless it is a {@link ClientId}. {@link OperatorPathFilter} has
     * already refused raw paths whose decoded parameters could differ from what was sent.
     */
    static String clientId(ServerRequest req) {
        String id = req.path().pathParameters().get("clientId");
        if (!ClientId.isValid(id)) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "The client id in the path is invalid: "
                    + ClientId.RULE + ".");
        }
        return id;
    }

    static void json(ServerResponse res, Status status, JsonStructure body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(body.toString().getBytes(StandardCharsets.UTF_8));
    }
}

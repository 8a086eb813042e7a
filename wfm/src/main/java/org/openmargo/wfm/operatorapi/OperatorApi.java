package org.openmargo.wfm.operator;

import org.openmargo.wfm.identity.ClientId;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.Json;
import jakarta.json.JsonStructure;
import org.openmargo.wfm.audit.Actor;
import org.openmargo.wfm.audit.AuditLog;
import org.openmargo.wfm.desiredstate.DeploymentValidator;
import org.openmargo.wfm.desiredstate.DesiredStateStore;
import org.openmargo.wfm.desiredstate.ManifestCache;
import org.openmargo.wfm.desiredstate.ValidatedDeployment;
import org.openmargo.wfm.enrollment.EnrollmentTokens;
import org.openmargo.wfm.http.Bodies;
import org.openmargo.wfm.http.DeviceApi;
import org.openmargo.wfm.identity.AcceptedClientPolicy;
import org.openmargo.wfm.mis.BuiltInIdentityService;
import org.openmargo.wfm.mis.IdentityService;
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
 * GET    /operator/v1/audit?limit=N                             the audit log, newest first
 * GET    /operator/v1/ca                                        the CA's anchors, bundle sequence and MIS TLS pin
 * POST   /operator/v1/ca/rotation                               {"step": "stage" | "activate" | "finish"}; 409 out of order
 * </pre>
 * Every change is written to the {@link AuditLog} in the change's own transaction, attributed to the
 * {@code X-Operator-Name} of the request.
 * Retiring a client also revokes its unused enrollment tokens, so that a token handed out earlier cannot bring it
 * back.
 */
public final class OperatorApi {
    private final ManifestCache desiredState;
    private final AcceptedClientPolicy policy;
    private final ClientOverview overview;
    private final int maxBodyBytes;
    private final EnrollmentTokens tokens;
    private final AuditLog audit;

    private OperatorApi(ManifestCache desiredState, AcceptedClientPolicy policy, ClientOverview overview,
                        int maxBodyBytes, EnrollmentTokens tokens, AuditLog audit) {
        this.desiredState = desiredState;
        this.policy = policy;
        this.overview = overview;
        this.maxBodyBytes = maxBodyBytes;
        this.tokens = tokens;
        this.audit = audit;
    }

    /**
     * Adds the operator API, guarded by {@code token}, to a routing.
     *
     * @param identityService the WFM's identity service; empty when its identity comes from an external MIS, and
     *                        then the endpoints that need it (token creation, CSR signing, discovery) answer 404
     * @param ca              the built-in identity service with its CA, for the CA endpoints (404 when empty)
     */
    public static void register(HttpRouting.Builder routing, String token, ManifestCache desiredState,
                                AcceptedClientPolicy policy, ClientOverview overview, int maxBodyBytes,
                                EnrollmentTokens tokens, Optional<? extends IdentityService> identityService,
                                Optional<BuiltInIdentityService> ca, AuditLog audit) {
        OperatorApi api = new OperatorApi(desiredState, policy, overview, maxBodyBytes, tokens, audit);
        routing.addFilter(new OperatorAuthFilter(token)).addFilter(new OperatorPathFilter());
        EnrollmentApi.register(routing, tokens, identityService.map(IdentityService.class::cast), policy, audit);
        AuditApi.register(routing, audit);
        new CaEndpoints(ca, audit).register(routing);
        routing
                .get("/operator/v1/clients", (req, res) -> json(res, Status.OK_200, api.overview.all()))
                .get("/operator/v1/clients/{clientId}", api::client)
                .post("/operator/v1/clients/{clientId}/accept", api::accept)
                .post("/operator/v1/clients/{clientId}/retire", api::retire)
                .put("/operator/v1/clients/{clientId}/deployments", api::putDeployment)
                .delete("/operator/v1/clients/{clientId}/deployments/{deploymentId}", api::removeDeployment)
                .any((req, res) -> {
                    throw new ProblemException(ProblemType.NOT_FOUND, "There is no operator endpoint at this path.");
                });
        DeviceApi.errorMapping(routing);
    }

    private void client(ServerRequest req, ServerResponse res) {
        json(res, Status.OK_200, overview.one(clientId(req)));
    }

    private void accept(ServerRequest req, ServerResponse res) {
        String actor = Actor.operator(req);
        String clientId = clientId(req);
        audit.change(req, actor, "client.accept", clientId, () -> policy.accept(clientId), "");
        json(res, Status.OK_200, Json.createObjectBuilder().add("clientId", clientId).add("standing", "accepted").build());
    }

    private void retire(ServerRequest req, ServerResponse res) {
        String actor = Actor.operator(req);
        String clientId = clientId(req);
        audit.change(req, actor, "client.retire", clientId, () -> {
            policy.retire(clientId);
            return tokens.revokeUnused(clientId);
        }, revoked -> revoked == 0 ? "" : "revoked " + revoked + " unused enrollment token(s)");
        json(res, Status.OK_200, Json.createObjectBuilder().add("clientId", clientId).add("standing", "retired").build());
    }

    private void putDeployment(ServerRequest req, ServerResponse res) {
        String actor = Actor.operator(req);
        String clientId = clientId(req);
        byte[] yaml = Bodies.read(req, maxBodyBytes);
        ValidatedDeployment deployment = DeploymentValidator.validate(DeploymentValidator.withIdIfMissing(yaml, UUID.randomUUID()));
        DesiredStateStore.PutResult result = audit.change(req, actor, "deployment.put",
                clientId + "/" + deployment.id(), () -> desiredState.put(clientId, deployment), r -> "digest="
                        + deployment.digest().value() + " change=" + r.change().name().toLowerCase(java.util.Locale.ROOT)
                        + " manifestVersion=" + Long.toUnsignedString(r.manifestVersion()));
        Status status = result.change() == DesiredStateStore.Change.CREATED ? Status.CREATED_201 : Status.OK_200;
        json(res, status, Json.createObjectBuilder()
                .add("deploymentId", deployment.id())
                .add("digest", deployment.digest().value())
                .add("change", result.change().name().toLowerCase(java.util.Locale.ROOT))
                .add("manifestVersion", Long.toUnsignedString(result.manifestVersion()))
                .build());
    }

    private void removeDeployment(ServerRequest req, ServerResponse res) {
        String actor = Actor.operator(req);
        String clientId = clientId(req);
        String deploymentId = req.path().pathParameters().get("deploymentId");
        if (!ValidatedDeployment.isId(deploymentId)) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "The deployment id in the path is not a UUID.");
        }
        long version = audit.change(req, actor, "deployment.remove", clientId + "/" + deploymentId,
                () -> desiredState.remove(clientId, deploymentId).orElseThrow(() -> new ProblemException(
                        ProblemType.NOT_FOUND, "This client has no current deployment with that id.")),
                v -> "manifestVersion=" + Long.toUnsignedString(v));
        json(res, Status.OK_200, Json.createObjectBuilder().add("deploymentId", deploymentId)
                .add("manifestVersion", Long.toUnsignedString(version)).build());
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

package org.openmargo.wfm.operatorapi;

import java.util.Objects;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.Json;
import org.openmargo.wfm.audit.Actor;
import org.openmargo.wfm.audit.AuditLog;
import org.openmargo.wfm.enrollment.EnrollmentTokens;
import org.openmargo.wfm.identity.AcceptedClientPolicy;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/**
 * The clients: {@code GET /operator/v1/clients} (known clients with devices, deployments and statuses; filtered and
 * paged by {@link ClientQuery}),
 * {@code GET .../clients/{clientId}} (one, 404 when nothing is known about it; {@code lastPoll} when it polled this
 * instance), {@code GET .../{clientId}/deployments/{deploymentId}/history} (the status changes, newest first),
 * {@code POST .../{clientId}/accept} and
 * {@code POST .../{clientId}/retire}. Retiring a client also revokes its unused enrollment tokens, so that a token
 * handed out earlier cannot bring it back.
 */
public final class ClientsService implements HttpService {
    private final ClientOverview overview;
    private final AcceptedClientPolicy policy;
    private final EnrollmentTokens tokens;
    private final AuditLog audit;

    /**
     * @param overview what is shown of a client
     * @param policy   the accepted-client policy that accept and retire change
     * @param tokens   the enrollment tokens a retirement revokes
     * @param audit    where every change is written
     */
    public ClientsService(ClientOverview overview, AcceptedClientPolicy policy, EnrollmentTokens tokens,
                          AuditLog audit) {
        this.overview = Objects.requireNonNull(overview);
        this.policy = Objects.requireNonNull(policy);
        this.tokens = Objects.requireNonNull(tokens);
        this.audit = Objects.requireNonNull(audit);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/operator/v1/clients", (req, res) -> OperatorApi.json(res, Status.OK_200,
                        overview.page(ClientQuery.of(req))))
                .get("/operator/v1/clients/{clientId}", this::client)
                .get("/operator/v1/clients/{clientId}/deployments/{deploymentId}/history", this::history)
                .post("/operator/v1/clients/{clientId}/accept", this::accept)
                .post("/operator/v1/clients/{clientId}/retire", this::retire);
    }

    private void client(ServerRequest req, ServerResponse res) {
        OperatorApi.json(res, Status.OK_200, overview.one(OperatorApi.clientId(req)));
    }

    private void history(ServerRequest req, ServerResponse res) {
        String deploymentId = req.path().pathParameters().get("deploymentId");
        if (deploymentId.isEmpty() || deploymentId.length() > 255) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "The deployment id in the path is empty or too long.");
        }
        OperatorApi.json(res, Status.OK_200, overview.history(OperatorApi.clientId(req), deploymentId));
    }

    private void accept(ServerRequest req, ServerResponse res) {
        String actor = Actor.operator(req);
        String clientId = OperatorApi.clientId(req);
        audit.change(req, actor, "client.accept", clientId, () -> policy.accept(clientId), "");
        OperatorApi.json(res, Status.OK_200, Json.createObjectBuilder().add("clientId", clientId).add("standing", "accepted").build());
    }

    private void retire(ServerRequest req, ServerResponse res) {
        String actor = Actor.operator(req);
        String clientId = OperatorApi.clientId(req);
        audit.change(req, actor, "client.retire", clientId, () -> {
            policy.retire(clientId);
            return tokens.revokeUnused(clientId);
        }, revoked -> revoked == 0 ? "" : "revoked " + revoked + " unused enrollment token(s)");
        OperatorApi.json(res, Status.OK_200, Json.createObjectBuilder().add("clientId", clientId).add("standing", "retired").build());
    }
}

package org.openmargo.wfm.operatorapi;

import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.Json;
import org.openmargo.wfm.audit.Actor;
import org.openmargo.wfm.audit.AuditLog;
import org.openmargo.wfm.desiredstate.DeploymentValidator;
import org.openmargo.wfm.desiredstate.DesiredStateStore;
import org.openmargo.wfm.desiredstate.ManifestCache;
import org.openmargo.wfm.desiredstate.ValidatedDeployment;
import org.openmargo.wfm.httpcommon.Bodies;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/**
 * A client's desired state: {@code PUT /operator/v1/clients/{clientId}/deployments} stores an ApplicationDeployment
 * YAML (the id is assigned when absent; 201 when new, 200 when changed or unchanged), and
 * {@code DELETE .../deployments/{deploymentId}} removes one (404 when the client has no current deployment with that
 * id). Each change and its audit entry are one transaction.
 */
public final class DeploymentsService implements HttpService {
    private final ManifestCache desiredState;
    private final AuditLog audit;
    private final int maxBodyBytes;

    /**
     * @param desiredState the desired state, through the cache the device API reads
     * @param audit        where every change is written
     * @param maxBodyBytes the largest YAML accepted (413 beyond)
     */
    public DeploymentsService(ManifestCache desiredState, AuditLog audit, int maxBodyBytes) {
        this.desiredState = Objects.requireNonNull(desiredState);
        this.audit = Objects.requireNonNull(audit);
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.put("/operator/v1/clients/{clientId}/deployments", this::putDeployment)
                .delete("/operator/v1/clients/{clientId}/deployments/{deploymentId}", this::removeDeployment);
    }

    private void putDeployment(ServerRequest req, ServerResponse res) {
        String actor = Actor.operator(req);
        String clientId = OperatorApi.clientId(req);
        byte[] yaml = Bodies.read(req, maxBodyBytes);
        ValidatedDeployment deployment = DeploymentValidator.validate(DeploymentValidator.withIdIfMissing(yaml, UUID.randomUUID()));
        DesiredStateStore.PutResult result = audit.change(req, actor, "deployment.put",
                clientId + "/" + deployment.id(), () -> desiredState.put(clientId, deployment), r -> "digest="
                        + deployment.digest().value() + " change=" + r.change().name().toLowerCase(Locale.ROOT)
                        + " manifestVersion=" + Long.toUnsignedString(r.manifestVersion()));
        Status status = result.change() == DesiredStateStore.Change.CREATED ? Status.CREATED_201 : Status.OK_200;
        OperatorApi.json(res, status, Json.createObjectBuilder()
                .add("deploymentId", deployment.id())
                .add("digest", deployment.digest().value())
                .add("change", result.change().name().toLowerCase(Locale.ROOT))
                .add("manifestVersion", Long.toUnsignedString(result.manifestVersion()))
                .build());
    }

    private void removeDeployment(ServerRequest req, ServerResponse res) {
        String actor = Actor.operator(req);
        String clientId = OperatorApi.clientId(req);
        String deploymentId = req.path().pathParameters().get("deploymentId");
        if (!ValidatedDeployment.isId(deploymentId)) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "The deployment id in the path is not a UUID.");
        }
        long version = audit.change(req, actor, "deployment.remove", clientId + "/" + deploymentId,
                () -> desiredState.remove(clientId, deploymentId).orElseThrow(() -> new ProblemException(
                        ProblemType.NOT_FOUND, "This client has no current deployment with that id.")),
                v -> "manifestVersion=" + Long.toUnsignedString(v));
        OperatorApi.json(res, Status.OK_200, Json.createObjectBuilder().add("deploymentId", deploymentId)
                .add("manifestVersion", Long.toUnsignedString(version)).build());
    }
}

package org.openmargo.wfm.deviceapi;

import org.openmargo.wfm.httpcommon.Conditional;
import org.openmargo.wfm.httpcommon.Bodies;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.PathMatchers;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.openmargo.wfm.desiredstate.Digest;
import org.openmargo.wfm.desiredstate.ManifestCache;
import org.openmargo.wfm.desiredstate.StoredManifest;
import org.openmargo.wfm.presence.Presence;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;
import org.openmargo.wfm.status.StatusReport;
import org.openmargo.wfm.status.StatusStore;
import org.openmargo.wfm.status.StatusValidator;

/**
 * The desired-state endpoints under {@code /api/v1/deployments}: the State Manifest (spec a.4), one deployment YAML
 * by digest (a.5) and status reports (a.7). {@code GET .../{id}/status} is answered 404, never mistaken for a
 * digest: a real digest always contains ':' (digest i #22).
 */
public final class DeploymentsService implements HttpService {
    static final String MANIFEST_MEDIA_TYPE = "application/vnd.margo.manifest.v1+json";
    static final String IMMUTABLE = "private, max-age=31536000, immutable";
    private static final String PREFIX = "/api/v1/deployments/";
    private final ManifestCache desiredState;
    private final StatusStore statuses;
    private final int maxBodyBytes;
    private final Presence presence;

    public DeploymentsService(ManifestCache desiredState, StatusStore statuses, int maxBodyBytes) {
        this(desiredState, statuses, maxBodyBytes, new Presence(java.time.Clock.systemUTC()));
    }

    /** @param presence records every manifest poll, in memory (never the database: a 304 stays database-free) */
    public DeploymentsService(ManifestCache desiredState, StatusStore statuses, int maxBodyBytes, Presence presence) {
        this.desiredState = desiredState;
        this.statuses = statuses;
        this.maxBodyBytes = maxBodyBytes;
        this.presence = presence;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.route(m -> true, PathMatchers.exact("/api/v1/deployments"), this::manifest)
                .route(m -> true, PathMatchers.create(PREFIX + "*"), this::byId);
    }

    private void manifest(ServerRequest req, ServerResponse res) {
        requireMethod(req, res, Method.GET);
        String clientId = Caller.of(req);
        if (!Conditional.accepts(req, MANIFEST_MEDIA_TYPE)) {
            throw new ProblemException(ProblemType.SERVER_CANNOT_GENERATE_RESPONSE,
                    "The manifest is only available as " + MANIFEST_MEDIA_TYPE + ".");
        }
        StoredManifest manifest = desiredState.manifest(clientId);
        res.header(HeaderNames.ETAG, manifest.etag());
        res.header(HeaderNames.CACHE_CONTROL, "private");
        // Both a 200 and a 304 leave the client holding this version.
        presence.polled(clientId, manifest.version());
        if (Conditional.noneMatchHits(req, manifest.etag())) {
            res.status(Status.NOT_MODIFIED_304).send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, MANIFEST_MEDIA_TYPE);
        res.send(manifest.body());
    }

    private void byId(ServerRequest req, ServerResponse res) {
        String rest = PathIds.after(req, PREFIX).orElse("");
        int slash = rest.indexOf('/');
        String deploymentId = slash < 0 ? rest : rest.substring(0, slash);
        String tail = slash < 0 ? "" : rest.substring(slash + 1);
        if (tail.equals("status")) {
            status(req, res, deploymentId);
        } else {
            yaml(req, res, deploymentId, tail);
        }
    }

    private void yaml(ServerRequest req, ServerResponse res, String deploymentId, String digestText) {
        requireMethod(req, res, Method.GET);
        String clientId = Caller.of(req);
        Optional<Digest> digest = Digest.parse(digestText);
        Optional<byte[]> yaml = digest.isPresent() && PathIds.SEGMENT.matcher(deploymentId).matches()
                ? desiredState.deploymentYaml(clientId, deploymentId, digest.get())
                : Optional.empty();
        if (yaml.isEmpty()) {
            throw new ProblemException(ProblemType.DEPLOYMENT_NOT_FOUND,
                    "No deployment with that id and digest is available to this client.");
        }
        ContentAddressed.send(req, res, digest.get(), "application/yaml", yaml.get());
    }

    private void status(ServerRequest req, ServerResponse res, String deploymentId) {
        requireMethod(req, res, Method.POST);
        String clientId = Caller.of(req);
        if (!PathIds.SEGMENT.matcher(deploymentId).matches()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "The deploymentId in the path is not valid.");
        }
        Bodies.requireType(req, "application/json", "json");
        byte[] body = Bodies.read(req, maxBodyBytes);
        StatusReport report = StatusValidator.validate(deploymentId, body);
        StatusStore.Outcome outcome = statuses.upsert(clientId, report);
        res.status(outcome == StatusStore.Outcome.CREATED ? Status.CREATED_201 : Status.OK_200).send();
    }

    private static void requireMethod(ServerRequest req, ServerResponse res, Method allowed) {
        if (!req.prologue().method().equals(allowed)) {
            res.header(HeaderNames.ALLOW, allowed.text());
            throw new ProblemException(ProblemType.METHOD_NOT_ALLOWED, "Only " + allowed.text() + " is allowed here.");
        }
    }
}

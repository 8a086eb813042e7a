package org.openmargo.wfm.operatorapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import org.openmargo.wfm.audit.Actor;
import org.openmargo.wfm.audit.AuditLog;
import org.openmargo.wfm.catalogue.AppVersion;
import org.openmargo.wfm.catalogue.Applications;
import org.openmargo.wfm.catalogue.VersionInfo;
import org.openmargo.wfm.httpcommon.Bodies;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/**
 * The application catalogue (issue 13):
 * <pre>
 * POST   /operator/v1/apps                                      import a description (YAML body): 201 new, 200 same bytes
 * GET    /operator/v1/apps                                      every application and its versions
 * GET    /operator/v1/apps/{appId}                              one application's versions
 * GET    /operator/v1/apps/{appId}/versions/{version}           profiles, parameters, configuration (JSON)
 * GET    /operator/v1/apps/{appId}/versions/{version}/description  the description bytes as imported
 * DELETE /operator/v1/apps/{appId}/versions/{version}           delete a version; 409 while it is in use
 * </pre>
 * The import accepts {@code application/yaml}, {@code application/x-yaml}, {@code text/yaml} and
 * {@code application/*+yaml} (or no Content-Type); anything else is 415. Invalid descriptions are 400 (not YAML,
 * over a limit) or 422 with every broken rule in {@code errors[]}; the same version with other bytes is 409. Imports
 * and deletions are audited ({@code app.import}, {@code app.delete}) in the change's own transaction.
 */
public final class AppsService implements HttpService {
    private static final List<String> YAML_TYPES = List.of("application/yaml", "application/x-yaml", "text/yaml");
    private final Applications apps;
    private final AuditLog audit;
    private final int maxBodyBytes;

    /**
     * @param apps         the catalogue
     * @param audit        where every change is written
     * @param maxBodyBytes the largest description accepted (413 beyond)
     */
    public AppsService(Applications apps, AuditLog audit, int maxBodyBytes) {
        this.apps = Objects.requireNonNull(apps);
        this.audit = Objects.requireNonNull(audit);
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/operator/v1/apps", this::importDescription)
                .get("/operator/v1/apps", this::list)
                .get("/operator/v1/apps/{appId}", this::application)
                .get("/operator/v1/apps/{appId}/versions/{version}", this::show)
                .delete("/operator/v1/apps/{appId}/versions/{version}", this::delete)
                .get("/operator/v1/apps/{appId}/versions/{version}/description", this::description);
    }

    private void importDescription(ServerRequest req, ServerResponse res) {
        String actor = Actor.operator(req);
        requireYaml(req);
        byte[] yaml = Bodies.read(req, maxBodyBytes);
        AppVersion app = apps.validate(yaml);
        Applications.Imported imported = audit.change(req, actor, "app.import", app.toString(),
                () -> apps.importDescription(yaml, actor), i -> "sha256=" + i.info().sha256() + " created="
                        + i.created());
        if (imported.created()) {
            res.header(HeaderNames.LOCATION, "/operator/v1/apps/" + app.appId() + "/versions/" + app.version());
        }
        OperatorApi.json(res, imported.created() ? Status.CREATED_201 : Status.OK_200,
                version(imported.info()).add("created", imported.created()).build());
    }

    private void list(ServerRequest req, ServerResponse res) {
        Map<String, List<VersionInfo>> byApp = new LinkedHashMap<>();
        apps.versions().forEach(v -> byApp.computeIfAbsent(v.app().appId(), k -> new ArrayList<>()).add(v));
        JsonArrayBuilder list = Json.createArrayBuilder();
        byApp.forEach((appId, versions) -> list.add(application(appId, versions)));
        OperatorApi.json(res, Status.OK_200, Json.createObjectBuilder().add("apps", list).build());
    }

    private void application(ServerRequest req, ServerResponse res) {
        String appId = appId(req);
        List<VersionInfo> versions = apps.versions().stream().filter(v -> v.app().appId().equals(appId)).toList();
        if (versions.isEmpty()) {
            throw new ProblemException(ProblemType.NOT_FOUND, "The catalogue has no application " + appId + ".");
        }
        OperatorApi.json(res, Status.OK_200, application(appId, versions).build());
    }

    private void show(ServerRequest req, ServerResponse res) {
        AppVersion app = appVersion(req);
        Applications.Shown shown = apps.show(app).orElseThrow(() -> notFound(app));
        OperatorApi.json(res, Status.OK_200, version(shown.info())
                .add("profiles", shown.profiles())
                .add("parameters", shown.parameters())
                .add("configuration", shown.configuration())
                .build());
    }

    private void description(ServerRequest req, ServerResponse res) {
        AppVersion app = appVersion(req);
        byte[] yaml = apps.descriptionBytes(app).orElseThrow(() -> notFound(app));
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, "application/yaml");
        res.send(yaml);
    }

    private void delete(ServerRequest req, ServerResponse res) {
        String actor = Actor.operator(req);
        AppVersion app = appVersion(req);
        audit.change(req, actor, "app.delete", app.toString(), () -> apps.delete(app), "");
        OperatorApi.json(res, Status.OK_200, Json.createObjectBuilder().add("appId", app.appId())
                .add("version", app.version()).add("deleted", true).build());
    }

    private static JsonObjectBuilder application(String appId, List<VersionInfo> versions) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        versions.forEach(v -> list.add(version(v)));
        return Json.createObjectBuilder().add("appId", appId).add("versions", list);
    }

    private static JsonObjectBuilder version(VersionInfo v) {
        return Json.createObjectBuilder()
                .add("appId", v.app().appId())
                .add("version", v.app().version())
                .add("name", v.name())
                .add("sha256", v.sha256())
                .add("sizeBytes", v.sizeBytes())
                .add("importedAt", v.importedAt().toString())
                .add("importedBy", v.importedBy());
    }

    private static void requireYaml(ServerRequest req) {
        var declared = req.headers().first(HeaderNames.CONTENT_TYPE);
        if (declared.isEmpty()) {
            return;
        }
        String type = declared.get().split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!YAML_TYPES.contains(type) && !(type.startsWith("application/") && type.endsWith("+yaml"))) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be application/yaml, not " + type + ".");
        }
    }

    private static String appId(ServerRequest req) {
        String appId = req.path().pathParameters().get("appId");
        if (!appId.matches("[a-z0-9-]{1,200}")) {
            throw new ProblemException(ProblemType.BAD_REQUEST,
                    "The application id in the path must be 1-200 of a-z 0-9 -.");
        }
        return appId;
    }

    private static AppVersion appVersion(ServerRequest req) {
        String version = req.path().pathParameters().get("version");
        if (!version.matches("[A-Za-z0-9][A-Za-z0-9._+~-]{0,127}")) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "The version in the path is not a catalogue "
                    + "version (1-128 of A-Z a-z 0-9 . _ + ~ -, starting with a letter or digit).");
        }
        return new AppVersion(appId(req), version);
    }

    private static ProblemException notFound(AppVersion app) {
        return new ProblemException(ProblemType.NOT_FOUND, "The catalogue has no version " + app + ".");
    }
}

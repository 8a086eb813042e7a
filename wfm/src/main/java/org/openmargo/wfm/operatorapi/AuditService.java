package org.openmargo.wfm.operatorapi;

import io.helidon.http.Status;
import java.util.Objects;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import org.openmargo.wfm.audit.AuditEvent;
import org.openmargo.wfm.audit.AuditFilter;
import org.openmargo.wfm.audit.AuditLog;
import org.openmargo.wfm.audit.AuditStore;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/**
 * {@code GET /operator/v1/audit?limit=N&actor=A&action=B&target=C}: the audit log, newest first ({@code limit}
 * 1..1000, default 50); {@code actor}, {@code action} and {@code target} (each at most 128 printable ASCII
 * characters) keep the entries whose field contains them, ignoring case.
 */
public final class AuditService implements HttpService {
    private static final int DEFAULT_LIMIT = 50;
    private final AuditLog audit;

    /** Serves the entries of {@code audit}. */
    public AuditService(AuditLog audit) {
        this.audit = Objects.requireNonNull(audit);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/operator/v1/audit", this::recent);
    }

    private void recent(ServerRequest req, ServerResponse res) {
        int limit = limit(req);
        JsonArrayBuilder entries = Json.createArrayBuilder();
        AuditFilter filter = new AuditFilter(part(req, "actor"), part(req, "action"), part(req, "target"));
        for (AuditStore.Entry entry : audit.recent(limit, filter)) {
            AuditEvent e = entry.event();
            entries.add(Json.createObjectBuilder()
                    .add("id", entry.id())
                    .add("at", e.at().toString())
                    .add("actor", e.actor())
                    .add("remoteAddress", e.remoteAddress())
                    .add("action", e.action())
                    .add("target", e.target())
                    .add("detail", e.detail()));
        }
        OperatorApi.json(res, Status.OK_200, Json.createObjectBuilder().add("entries", entries).build());
    }

    private static String part(ServerRequest req, String name) {
        var values = req.query().all(name, java.util.List::of);
        if (values.isEmpty()) {
            return "";
        }
        String value = values.getFirst();
        if (values.size() > 1 || value.length() > 128 || !value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw new ProblemException(ProblemType.BAD_REQUEST,
                    name + " must be given at most once, with at most 128 printable ASCII characters.");
        }
        return value;
    }

    private static int limit(ServerRequest req) {
        var values = req.query().all("limit", java.util.List::of);
        if (values.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        if (values.size() == 1 && values.getFirst().matches("[0-9]{1,4}")) {
            int limit = Integer.parseInt(values.getFirst());
            if (limit >= 1 && limit <= AuditLog.MAX_LIMIT) {
                return limit;
            }
        }
        throw new ProblemException(ProblemType.BAD_REQUEST,
                "limit must be one integer from 1 to " + AuditLog.MAX_LIMIT + ".");
    }
}

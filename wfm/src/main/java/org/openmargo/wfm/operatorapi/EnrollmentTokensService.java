package org.openmargo.wfm.operatorapi;

import org.openmargo.wfm.identity.ClientId;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

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
import org.openmargo.wfm.enrollment.EnrollmentToken;
import org.openmargo.wfm.enrollment.EnrollmentTokens;
import org.openmargo.wfm.httpcommon.Bodies;
import org.openmargo.wfm.json.JsonBody;
import org.openmargo.wfm.identityservice.IdentityService;
import org.openmargo.wfm.problem.FieldError;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/**
 * The operator side of device enrollment with one-time tokens: create, list, revoke. Creating a token needs the
 * identity service (it answers 404 when the WFM has none); listing and revoking do not. The discovery facts are
 * {@link DiscoveryService}, the air-gapped flow is {@link SvidSigningService}.
 */
public final class EnrollmentTokensService implements HttpService {
    private static final Pattern TOKEN_ID = Pattern.compile("[0-9a-f]{16}");
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final EnrollmentTokens tokens;
    private final Optional<IdentityService> identityService;
    private final AuditLog audit;

    /**
     * @param identityService the identity service tokens enroll with; empty with an external MIS
     * @param audit           where every change is written
     */
    public EnrollmentTokensService(EnrollmentTokens tokens, Optional<IdentityService> identityService,
                                   AuditLog audit) {
        this.tokens = Objects.requireNonNull(tokens);
        this.identityService = Objects.requireNonNull(identityService);
        this.audit = Objects.requireNonNull(audit);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/operator/v1/enrollment-tokens", this::create)
                .get("/operator/v1/enrollment-tokens", this::list)
                .delete("/operator/v1/enrollment-tokens/{tokenId}", this::revoke);
    }

    /** The identity service, or 404 when the WFM's identity comes from an external MIS. */
    static IdentityService required(Optional<IdentityService> identityService) {
        return identityService.orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "This WFM is not the identity service (its identity comes from an external MIS): it does not enroll "
                        + "devices or sign CSRs."));
    }

    private void create(ServerRequest req, ServerResponse res) {
        String actor = Actor.operator(req);
        IdentityService service = required(identityService);
        Bodies.requireType(req, "application/json", "json");
        Map<String, Object> body = JsonBody.parseObject(Bodies.read(req, MAX_BODY_BYTES), MAX_BODY_BYTES);
        String clientId = clientId(body);
        Duration ttl = ttl(body);
        EnrollmentTokens.Created created = audit.change(req, actor, "enrollment-token.create", clientId,
                () -> tokens.create(clientId, ttl, actor),
                c -> "tokenId=" + c.info().tokenId() + " expiresAt=" + c.info().expiresAt());
        OperatorApi.json(res, Status.CREATED_201, Json.createObjectBuilder()
                .add("token", created.token())
                .add("tokenId", created.info().tokenId())
                .add("clientId", clientId)
                .add("expiresAt", created.info().expiresAt().toString())
                .add("discoveryUri", service.discoveryUri().toString())
                .add("pins", Json.createArrayBuilder(service.tlsPins()))
                .build());
    }

    private void list(ServerRequest req, ServerResponse res) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        var now = tokens.now();
        for (EnrollmentToken t : tokens.list()) {
            JsonObjectBuilder item = Json.createObjectBuilder()
                    .add("tokenId", t.tokenId())
                    .add("clientId", t.clientId())
                    .add("createdAt", t.createdAt().toString())
                    .add("createdBy", t.createdBy())
                    .add("expiresAt", t.expiresAt().toString());
            t.usedAt().ifPresent(at -> item.add("usedAt", at.toString()));
            t.revokedAt().ifPresent(at -> item.add("revokedAt", at.toString()));
            list.add(item.add("state", t.state(now).wire()));
        }
        OperatorApi.json(res, Status.OK_200, Json.createObjectBuilder().add("tokens", list).build());
    }

    private void revoke(ServerRequest req, ServerResponse res) {
        String actor = Actor.operator(req);
        String tokenId = req.path().pathParameters().get("tokenId");
        if (!TOKEN_ID.matcher(tokenId).matches()) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "A token id is 16 lower-case hex digits.");
        }
        audit.change(req, actor, "enrollment-token.revoke", tokenId, () -> {
            if (!tokens.revoke(tokenId)) {
                throw new ProblemException(ProblemType.NOT_FOUND, "There is no unused, unrevoked token with that id.");
            }
        }, "");
        OperatorApi.json(res, Status.OK_200, Json.createObjectBuilder().add("tokenId", tokenId)
                .add("state", EnrollmentToken.State.REVOKED.wire()).build());
    }

    private static String clientId(Map<String, Object> body) {
        if (body.get("clientId") instanceof String id && ClientId.isValid(id)) {
            return id;
        }
        throw invalid("clientId", "is required: " + ClientId.RULE);
    }

    private static Duration ttl(Map<String, Object> body) {
        if (!body.containsKey("ttl")) {
            return EnrollmentTokens.DEFAULT_TTL;
        }
        try {
            if (body.get("ttl") instanceof String text) {
                Duration ttl = Duration.parse(text);
                if (ttl.compareTo(Duration.ofSeconds(1)) >= 0 && ttl.compareTo(EnrollmentTokens.MAX_TTL) <= 0) {
                    return ttl;
                }
            }
        } catch (DateTimeParseException e) {
            // answered below like any other bad value
        }
        throw invalid("ttl", "must be an ISO-8601 duration from PT1S to P30D, for example PT24H");
    }

    private static ProblemException invalid(String field, String rule) {
        return new ProblemException(ProblemType.INVALID_REQUEST, field + " " + rule,
                List.of(new FieldError(field, rule)));
    }
}

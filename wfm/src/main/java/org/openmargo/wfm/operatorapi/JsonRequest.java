package org.openmargo.wfm.operatorapi;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import io.helidon.webserver.http.ServerRequest;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.openmargo.wfm.httpcommon.Bodies;
import org.openmargo.wfm.json.JsonBody;
import org.openmargo.wfm.problem.FieldError;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/**
 * A JSON object request body of the fleet resources, read once with the limits of {@link JsonBody} (size, depth,
 * duplicate names, UTF-8) and then as a {@code jakarta.json} object, with typed member reads that answer 422 naming
 * the member.
 */
final class JsonRequest {
    static final int MAX_BYTES = 256 * 1024;

    private final JsonObject body;

    private JsonRequest(JsonObject body) {
        this.body = body;
    }

    static JsonRequest read(ServerRequest req) {
        Bodies.requireType(req, "application/json", "json");
        byte[] bytes = Bodies.read(req, MAX_BYTES);
        JsonBody.parseObject(bytes, MAX_BYTES);
        try (JsonReader reader = Json.createReader(new StringReader(new String(bytes, StandardCharsets.UTF_8)))) {
            return new JsonRequest(reader.readObject());
        }
    }

    JsonObject object() {
        return body;
    }

    Optional<JsonValue> member(String name) {
        return Optional.ofNullable(body.get(name)).filter(v -> v != JsonValue.NULL);
    }

    String text(String name) {
        return optionalText(name).orElseThrow(() -> invalid(name, "is required"));
    }

    Optional<String> optionalText(String name) {
        return member(name).map(v -> {
            if (v instanceof JsonString s && !s.getString().isBlank() && s.getString().length() <= 255) {
                return s.getString();
            }
            throw invalid(name, "must be a non-blank string of at most 255 characters");
        });
    }

    boolean bool(String name, boolean fallback) {
        return member(name).map(v -> {
            if (v == JsonValue.TRUE || v == JsonValue.FALSE) {
                return v == JsonValue.TRUE;
            }
            throw invalid(name, "must be true or false");
        }).orElse(fallback);
    }

    double fraction(String name, double fallback) {
        return member(name).map(v -> {
            if (v instanceof JsonNumber n) {
                return n.doubleValue();
            }
            throw invalid(name, "must be a number");
        }).orElse(fallback);
    }

    Duration duration(String name, Duration fallback) {
        return optionalText(name).map(t -> {
            try {
                return Duration.parse(t);
            } catch (DateTimeParseException e) {
                throw invalid(name, "must be an ISO-8601 duration like PT10M");
            }
        }).orElse(fallback);
    }

    JsonObject objectMember(String name) {
        return member(name).map(v -> {
            if (v instanceof JsonObject o) {
                return o;
            }
            throw invalid(name, "must be an object");
        }).orElse(JsonValue.EMPTY_JSON_OBJECT);
    }

    static ProblemException invalid(String field, String rule) {
        return new ProblemException(ProblemType.SEMANTIC_ERROR, field + " " + rule,
                List.of(new FieldError(field, rule)));
    }
}

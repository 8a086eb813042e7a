package org.openmargo.wfm.console;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.openmargo.wfm.audit.Actor;
import org.openmargo.wfm.session.Session;

/**
 * The console's only way to read or change anything: the operator API over loopback HTTP, with the signed-in
 * operator's token as the Bearer credential and their name as {@code X-Operator-Name}. Every console action is
 * therefore an operator API call with the same authentication, validation and audit entry as one made with curl or
 * {@code wfm admin}. Never throws for what the API answers; an unreachable API is a {@link ApiAnswer.Refused} with
 * status 502. Thread safe.
 */
public final class OperatorClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final Supplier<URI> base;

    /**
     * @param base the operator listener's base URI ({@code http://127.0.0.1:PORT}), asked for on each call because
     *             the port is known only once the listener is bound
     */
    public OperatorClient(Supplier<URI> base) {
        this.base = Objects.requireNonNull(base);
    }

    ApiAnswer get(Session session, String pathAndQuery) {
        return send(session, pathAndQuery, "GET", HttpRequest.BodyPublishers.noBody(), null);
    }

    ApiAnswer postJson(Session session, String path, JsonObject body) {
        return send(session, path, "POST", HttpRequest.BodyPublishers.ofString(body.toString()), "application/json");
    }

    ApiAnswer send(Session session, String path, String method, byte[] body, String contentType) {
        return send(session, path, method, HttpRequest.BodyPublishers.ofByteArray(body), contentType);
    }

    /** A call made with a credential that is not (yet) a session's: checks a token at sign-in. */
    ApiAnswer probe(String credential) {
        return exchange(HttpRequest.newBuilder(base.get().resolve("/operator/v1/audit?limit=1"))
                .header("Authorization", "Bearer " + credential).GET());
    }

    private ApiAnswer send(Session session, String path, String method, HttpRequest.BodyPublisher body,
                           String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.get().resolve(path))
                .header("Authorization", "Bearer " + session.credential())
                .header(Actor.OPERATOR_HEADER.defaultCase(), session.operator())
                .method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return exchange(request);
    }

    private ApiAnswer exchange(HttpRequest.Builder request) {
        try {
            HttpResponse<String> answer = http.send(request.timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonObject body = object(answer.body());
            if (answer.statusCode() / 100 == 2) {
                return new ApiAnswer.Done(answer.statusCode(), body);
            }
            return new ApiAnswer.Refused(answer.statusCode(), body.getString("title", "HTTP " + answer.statusCode()),
                    body.getString("detail", ""),
                    JsonView.objects(body, "errors").stream().map(JsonView::map).toList());
        } catch (IOException e) {
            return new ApiAnswer.Refused(502, "The operator API could not be reached", String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ApiAnswer.Refused(502, "Interrupted while calling the operator API", "");
        }
    }

    private static JsonObject object(String text) {
        if (text.isBlank()) {
            return JsonObject.EMPTY_JSON_OBJECT;
        }
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readValue() instanceof JsonObject o ? o : JsonObject.EMPTY_JSON_OBJECT;
        } catch (JsonException e) {
            return JsonObject.EMPTY_JSON_OBJECT;
        }
    }
}

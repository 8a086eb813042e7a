package org.openmargo.wfm.admin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

/**
 * A plain HTTP client of the operator API: the Bearer token and {@code X-Operator-Name} on every request, and any
 * answer that is not 2xx turned into an {@link AdminException} carrying the problem's title and detail.
 */
final class OperatorClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI base;
    private final String token;
    private final String operatorName;

    OperatorClient(URI base, String token, String operatorName) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1).build();
        this.base = base;
        this.token = token;
        this.operatorName = operatorName;
    }

    /** Sends a request and returns the body of a 2xx answer. */
    byte[] send(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("X-Operator-Name", operatorName)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AdminException("cannot reach the operator API at " + base + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException("interrupted");
        }
        if (response.statusCode() / 100 != 2) {
            throw new AdminException(problem(response));
        }
        return response.body();
    }

    /** Sends a request with an optional JSON body and parses the JSON object answered. */
    JsonObject json(String method, String path, JsonObject body) {
        byte[] bytes = body == null ? null : body.toString().getBytes(StandardCharsets.UTF_8);
        return parse(send(method, path, body == null ? null : "application/json", bytes));
    }

    static JsonObject parse(byte[] body) {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() == JsonValue.ValueType.OBJECT) {
                return value.asJsonObject();
            }
        } catch (JsonException e) {
            // reported below
        }
        throw new AdminException("the operator API answered something that is not a JSON object");
    }

    private static String problem(HttpResponse<byte[]> response) {
        String status = "HTTP " + response.statusCode();
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(response.body()))) {
            JsonObject problem = reader.readObject();
            StringBuilder text = new StringBuilder(problem.getString("title", status));
            if (problem.containsKey("detail")) {
                text.append(": ").append(problem.getString("detail", ""));
            }
            if (problem.get("errors") instanceof jakarta.json.JsonArray errors) {
                for (JsonValue e : errors) {
                    if (e instanceof JsonObject error) {
                        text.append("\n  ").append(error.getString("field", "?")).append(": ")
                                .append(error.getString("message", ""));
                    }
                }
            }
            return text.append(" (").append(status).append(')').toString();
        } catch (JsonException | ClassCastException e) {
            return status + " from the operator API";
        }
    }
}

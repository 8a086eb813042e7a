package org.openmargo.e2e;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/** The operator API over HTTP as an operator named {@code e2e} uses it: every call checked for its status. */
final class OperatorCalls {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    OperatorCalls(int port, String token) {
        this.base = "http://127.0.0.1:" + port + "/";
        this.token = token;
    }

    /** Calls and returns the JSON answer; fails unless the status is {@code expected}. */
    JsonObject call(String method, String path, String contentType, byte[] body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("X-Operator-Name", "e2e")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (response.statusCode() != expected) {
            throw new AssertionError(method + " " + path + ": expected " + expected + " but got "
                    + response.statusCode() + ": " + response.body());
        }
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    JsonObject json(String method, String path, JsonObject body, int expected) {
        return call(method, path, body == null ? null : "application/json",
                body == null ? null : body.toString().getBytes(StandardCharsets.UTF_8), expected);
    }

    JsonObject get(String path) {
        return json("GET", path, null, 200);
    }
}

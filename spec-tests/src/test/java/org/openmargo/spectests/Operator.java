package org.openmargo.spectests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import jakarta.json.JsonObject;

/**
 * Arranges desired state for the suite through the OpenMargo operator API. This is a fixture of this product, not part
 * of the Margo API: against another WFM, the checks that need deployments are skipped unless an operator is given.
 */
final class Operator {
    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newHttpClient();

    Operator(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** Stores a deployment YAML for a client; returns the operator's answer (deploymentId, digest, manifestVersion). */
    JsonObject putDeployment(String clientId, String yaml) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(base.resolve("/operator/v1/clients/" + clientId + "/deployments"))
                .header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofString(yaml)));
        if (r.statusCode() / 100 != 2) {
            throw new IOException("operator refused the deployment: " + r.statusCode() + " " + Device.text(r));
        }
        return Device.json(r);
    }

    void removeDeployment(String clientId, String deploymentId) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(
                base.resolve("/operator/v1/clients/" + clientId + "/deployments/" + deploymentId)).DELETE());
        if (r.statusCode() != 200) {
            throw new IOException("operator could not remove the deployment: " + r.statusCode() + " " + Device.text(r));
        }
    }

    void accept(String clientId) throws IOException, InterruptedException {
        post("/operator/v1/clients/" + clientId + "/accept");
    }

    void retire(String clientId) throws IOException, InterruptedException {
        post("/operator/v1/clients/" + clientId + "/retire");
    }

    private void post(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()));
        if (r.statusCode() != 200) {
            throw new IOException("operator call " + path + " failed: " + r.statusCode() + " " + Device.text(r));
        }
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return http.send(b.header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}

package org.openmargo.spectests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.UUID;

import jakarta.json.JsonObject;

/** Assertions shared by the conformance checks. */
final class Checks {
    static final String PROBLEM_TYPES = "https://docs.margo.org/specification/problem-types#";
    static final String MANIFEST_TYPE = "application/vnd.margo.manifest.v1+json";
    static final String BUNDLE_TYPE = "application/vnd.margo.bundle.v1+tar+gzip";

    private Checks() {
    }

    /** An RFC 9457 answer with this status and Margo problem type (spec h). */
    static JsonObject problem(HttpResponse<byte[]> r, int status, String fragment) {
        JsonObject body = problemOfAnyType(r, status);
        assertThat(body.getString("type")).isEqualTo(fragment == null ? "about:blank" : PROBLEM_TYPES + fragment);
        return body;
    }

    /**
     * An RFC 9457 answer with this status whose {@code type} may be any non-blank URI reference (for conditions the
     * spec gives no problem type, where another implementation may use its own namespace).
     */
    static JsonObject problemOfAnyType(HttpResponse<byte[]> r, int status) {
        assertThat(r.statusCode()).as("status of %s", Device.text(r)).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonObject body = Device.json(r);
        assertThat(body.getString("type")).isNotBlank();
        assertThat(body.getString("title")).isNotBlank();
        assertThat(body.getInt("status")).isEqualTo(status);
        return body;
    }

    /** The media type of the {@code Content-Type} header without parameters, lower case; null when absent. */
    static String mediaType(HttpResponse<byte[]> r) {
        return r.headers().firstValue("Content-Type")
                .map(v -> v.split(";", 2)[0].strip().toLowerCase(Locale.ROOT)).orElse(null);
    }

    static String header(HttpResponse<byte[]> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    /** An rc.3 ApplicationDeployment YAML for a device, with one Helm component per name. */
    static String deploymentYaml(UUID id, String deviceId, String revision, String... components) {
        StringBuilder y = new StringBuilder()
                .append("id: ").append(id).append('\n')
                .append("metadata:\n  name: spec-app\n  namespace: spec\n  deviceId: ").append(deviceId).append('\n')
                .append("spec:\n  applicationId: spec-app\n  deploymentProfile:\n    type: helm\n    components:\n");
        for (String c : components) {
            y.append("      - name: ").append(c).append('\n')
                    .append("        properties:\n")
                    .append("          repository: oci://registry.example.com/charts/").append(c).append('\n')
                    .append("          revision: ").append(revision).append('\n')
                    .append("          wait: true\n")
                    .append("          timeout: 5m0s\n");
        }
        return y.toString();
    }

    static String hostingCapabilities(String deviceId) {
        return """
                {"properties":{"id":"%s","vendor":"Spec Devices","modelNumber":"SD-1","serialNumber":"SN-001",
                 "cpus":[{"cores":4,"architecture":"arm64"}],"memory":"8Gi","storage":"64Gi",
                 "peripherals":[],"interfaces":[{"type":"ethernet"}],"otelCollector":true,
                 "supportedRuntimes":["oci"],"supportedDeploymentTypes":["helm","compose"]},
                 "labels":{"example.com/site":"plant-7"}}""".formatted(deviceId);
    }

    static String gatewayCapabilities(String deviceId) {
        return """
                {"properties":{"id":"%s","vendor":"Spec Devices","modelNumber":"GW-1","serialNumber":"GW-001"}}"""
                .formatted(deviceId);
    }
}

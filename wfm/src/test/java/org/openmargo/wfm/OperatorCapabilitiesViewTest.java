package org.openmargo.wfm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.wfm.testpki.TestPki;

/**
 * Capabilities the rc.3 schema allows reach the operator as reported and as read (issue 10, conformance):
 * {@code otelCollector: false} is accepted, and unknown runtimes and deployment types are read as {@code custom}
 * while the report keeps what the device sent.
 */
class OperatorCapabilitiesViewTest {
    @TempDir
    Path dir;

    @Test
    void putCapabilities_otelFalseAndUnknownTypes_201AndOperatorSeesReportAndMappedValues() throws Exception {
        try (RunningWfm wfm = RunningWfm.start(dir, Map.of())) {
            TestPki.Svid svid = wfm.pki.client("press-7");
            wfm.operator("POST", "/operator/v1/clients/press-7/accept", null);
            String body = """
                    {"properties":{"id":"gw1","vendor":"v","modelNumber":"m","serialNumber":"s",
                     "cpus":[{"cores":2}],"memory":"1Gi","storage":"8Gi","peripherals":[],"interfaces":[],
                     "otelCollector":false,"supportedRuntimes":["wasm","oci"],
                     "supportedDeploymentTypes":["kustomize","compose"]}}""";

            HttpResponse<String> put = wfm.client(svid).send(HttpRequest.newBuilder(wfm.uri("/api/v1/capabilities/gw1"))
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String view = wfm.operator("GET", "/operator/v1/clients/press-7", null).body();

            assertThat(put.statusCode()).isEqualTo(201);
            assertThat(view).contains("\"hosting\":{\"otelCollector\":false,\"supportedRuntimes\":[\"custom\",\"oci\"],"
                    + "\"supportedDeploymentTypes\":[\"custom\",\"compose\"]}");
            assertThat(view).contains("\"supportedRuntimes\":[\"wasm\",\"oci\"]")
                    .contains("\"supportedDeploymentTypes\":[\"kustomize\",\"compose\"]");
        }
    }
}

package org.openmargo.agent.faults;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import org.openmargo.agent.state.AgentState.Blob;

/**
 * One State Manifest as a WFM publishes it (spec a.4): the manifest body with its {@code "sha256:<hex>"} ETag over the
 * exact bytes, every ApplicationDeployment YAML at its canonical URL, and the bundle of all of them.
 *
 * @param version   manifestVersion
 * @param manifest  the manifest body
 * @param artifacts canonical URL to bytes: each YAML and the bundle
 * @param deployments the listed deployments, in manifest order
 */
record Release(long version, byte[] manifest, Map<String, byte[]> artifacts, List<Deployment> deployments) {
    static final String MANIFEST_TYPE = "application/vnd.margo.manifest.v1+json";
    static final String DEVICE = "dev-1";

    /**
     * One ApplicationDeployment.
     *
     * @param id   its UUID
     * @param yaml the exact YAML text the WFM serves
     */
    record Deployment(String id, String yaml) {
        /** A helm deployment with one component per name, each at {@code revision}. */
        static Deployment of(String id, String revision, String... components) {
            StringBuilder y = new StringBuilder("""
                    id: %s
                    metadata:
                      name: app-%s
                      namespace: plant
                      deviceId: %s
                    spec:
                      applicationId: app
                      deploymentProfile:
                        type: helm
                        components:
                    """.formatted(id, id.substring(0, 8), DEVICE));
            for (String c : components) {
                y.append("      - name: ").append(c).append("\n        properties:\n")
                        .append("          repository: oci://registry.example.com/charts/").append(c).append('\n')
                        .append("          revision: ").append(revision).append('\n');
            }
            return new Deployment(id, y.toString());
        }

        byte[] bytes() {
            return yaml.getBytes(StandardCharsets.UTF_8);
        }

        String digest() {
            return Blob.sha256(bytes());
        }

        String url() {
            return "/api/v1/deployments/" + id + "/" + digest();
        }
    }

    /** A release whose bundle holds every YAML under {@code <id>.yaml}. */
    static Release of(long version, Deployment... deployments) {
        TinyTarGz bundle = new TinyTarGz();
        for (Deployment d : deployments) {
            bundle.file(d.id() + ".yaml", d.bytes());
        }
        return withBundle(version, bundle.gzip(), deployments);
    }

    /** A release with the given bundle bytes, named by their digest in the manifest. */
    static Release withBundle(long version, byte[] bundle, Deployment... deployments) {
        Map<String, byte[]> artifacts = new LinkedHashMap<>();
        StringJoiner refs = new StringJoiner(",", "[", "]");
        for (Deployment d : deployments) {
            artifacts.put(d.url(), d.bytes());
            refs.add("{\"deploymentId\":\"%s\",\"digest\":\"%s\",\"url\":\"%s\"}".formatted(d.id(), d.digest(), d.url()));
        }
        String bundleRef = "null";
        if (deployments.length > 0) {
            String url = "/api/v1/bundles/" + Blob.sha256(bundle);
            artifacts.put(url, bundle);
            bundleRef = "{\"mediaType\":\"application/vnd.margo.bundle.v1+tar+gzip\",\"digest\":\"%s\",\"url\":\"%s\"}"
                    .formatted(Blob.sha256(bundle), url);
        }
        String manifest = "{\"manifestVersion\":%d,\"bundle\":%s,\"deployments\":%s}"
                .formatted(version, bundleRef, refs);
        return new Release(version, manifest.getBytes(StandardCharsets.UTF_8), Map.copyOf(artifacts),
                List.of(deployments));
    }

    /** The quoted ETag of the manifest body. */
    String etag() {
        return '"' + Blob.sha256(manifest) + '"';
    }

    String bundleUrl() {
        return artifacts.keySet().stream().filter(url -> url.startsWith("/api/v1/bundles/")).findFirst()
                .orElseThrow();
    }
}

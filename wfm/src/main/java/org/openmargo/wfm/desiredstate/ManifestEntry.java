package org.openmargo.wfm.desiredstate;

/**
 * One {@code deployments[]} element of a State Manifest: a deployment and the digest of its current YAML.
 *
 * @param deploymentId the ApplicationDeployment top-level {@code id}
 * @param digest       digest of the YAML's exact bytes
 * @param sizeBytes    length of the YAML in bytes (advisory for clients)
 */
public record ManifestEntry(String deploymentId, Digest digest, long sizeBytes) {
    /** The relative URL a client fetches this YAML from (spec a.4). */
    public String url() {
        return "/api/v1/deployments/" + deploymentId + "/" + digest.value();
    }
}

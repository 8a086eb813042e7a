package org.openmargo.wfm.desiredstate;

import java.util.List;

/**
 * An ApplicationDeployment YAML that passed the rc.3 rules of spec section f.1, with the facts the WFM needs.
 *
 * @param id             the top-level {@code id} (a UUID, kept in the case it was written in)
 * @param deviceId       {@code metadata.deviceId}, the target device (may end in {@code /*})
 * @param name           {@code metadata.name}
 * @param componentNames component names in their listed order
 * @param yaml           the exact bytes to store and serve; never re-serialized
 */
public record ValidatedDeployment(String id, String deviceId, String name, List<String> componentNames, byte[] yaml) {
    public ValidatedDeployment {
        componentNames = List.copyOf(componentNames);
    }

    /** Whether {@code text} could be the id of a deployment: a UUID, as {@code id} must be. */
    public static boolean isId(String text) {
        return text != null && DeploymentValidator.UUID_TEXT.matcher(text).matches();
    }

    /** Digest of the exact YAML bytes. */
    public Digest digest() {
        return Digest.sha256(yaml);
    }
}

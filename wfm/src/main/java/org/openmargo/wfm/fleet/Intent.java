package org.openmargo.wfm.fleet;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.json.JsonValue;
import org.openmargo.wfm.catalogue.AppVersion;
import org.openmargo.wfm.catalogue.ProfileChoice;

/**
 * A fleet deployment ("intent"): an application version, a profile choice, the operator's parameter values and a
 * target; the WFM renders one ApplicationDeployment per targeted device from it (Margo rc.3 f.3).
 *
 * @param id               a UUID chosen by the WFM
 * @param name             k8s-style name, unique among intents; the rendered {@code metadata.name}
 * @param namespace        the rendered {@code metadata.namespace}
 * @param app              the version new members get; a rollout moves existing members one by one
 * @param profile          how a device's profile is chosen
 * @param parameters       the operator's values (validated against the version's schema when stored)
 * @param selector         the target
 * @param removeOnMismatch whether a device that stops matching loses the deployment (otherwise it stays a member)
 * @param deleted          set when the operator deleted it: the reconciler removes its deployments, then the row
 * @param createdBy        the operator who created it
 * @param createdAt        when
 * @param staged           new members get nothing (placement HELD) until a rollout moves them: a fleet deployment
 *                         created for a first rollout, or whose first rollout was rolled back
 */
public record Intent(String id, String name, String namespace, AppVersion app, ProfileChoice profile,
                     Map<String, JsonValue> parameters, Selector selector, boolean removeOnMismatch, boolean deleted,
                     String createdBy, Instant createdAt, boolean staged) {
    /** What {@code name} and {@code namespace} must look like (a Kubernetes DNS label). */
    public static final Pattern NAME = Pattern.compile("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$");

    public Intent {
        parameters = Map.copyOf(parameters);
    }

    /** The profile id when one is fixed; empty for "whichever type the device supports". */
    public Optional<String> profileId() {
        return profile instanceof ProfileChoice.ById b ? Optional.of(b.profileId()) : Optional.empty();
    }

    public Intent withApp(AppVersion next) {
        return new Intent(id, name, namespace, next, profile, parameters, selector, removeOnMismatch, deleted,
                createdBy, createdAt, staged);
    }

    public Intent withStaged(boolean next) {
        return new Intent(id, name, namespace, app, profile, parameters, selector, removeOnMismatch, deleted,
                createdBy, createdAt, next);
    }
}

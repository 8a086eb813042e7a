package org.openmargo.wfm.catalogue;

import jakarta.json.JsonValue;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The application catalogue as the fleet layer sees it: which application versions exist, how operator values become
 * deployment parameters, and how a description becomes one device's ApplicationDeployment.
 *
 * <p>Imported versions are immutable. The table that holds them is {@code app_version} with primary key
 * {@code (app_id, version)}; tables that use a version reference it with a foreign key, so a version in use cannot be
 * deleted.
 */
public interface Catalogue {

    /** Whether this version was imported (and not deleted). */
    boolean exists(AppVersion app);

    /** The ids of the version's deployment profiles, in the description's order; empty when it does not exist. */
    Optional<java.util.List<String>> profileIds(AppVersion app);

    /**
     * Validates operator-supplied values against the version's {@code configuration.schema} and fills in defaults.
     *
     * @param supplied        parameter name to value, as the operator gave them
     * @param installedBefore the values this deployment carried when it was last installed on a device (empty for a
     *                        first install); a setting marked {@code immutable} must keep its value
     * @return every parameter's value
     * @throws org.openmargo.wfm.problem.ProblemException a 4xx problem naming each field at fault: unknown parameter,
     *         wrong type, out of range, too short or long, regex mismatch, not an option, immutable changed, or no value
     *         anywhere; also when the version does not exist
     */
    ResolvedParameters resolve(AppVersion app, Map<String, JsonValue> supplied, Map<String, JsonValue> installedBefore);

    /**
     * Renders the version for one device: chooses the profile, evaluates eligibility (capacity first, then rules), and
     * emits the ApplicationDeployment as f.3 says (profile components verbatim and in order, constraints and
     * device-targeted extensions verbatim, WFM-targeted extensions never, parameters with their targets).
     *
     * <p>Pure: reads the stored description, writes nothing.
     *
     * @param deploymentId the deployment's {@code id}; the caller chooses it (a new one per device deployment)
     * @param namespace    {@code metadata.namespace}
     * @param name         {@code metadata.name}
     */
    Placement render(AppVersion app, ProfileChoice choice, ResolvedParameters parameters, DeviceFacts device,
                     UUID deploymentId, String namespace, String name);
}

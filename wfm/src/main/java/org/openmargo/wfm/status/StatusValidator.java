package org.openmargo.wfm.status;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.openmargo.wfm.device.DeviceId;
import org.openmargo.wfm.json.JsonBody;
import org.openmargo.wfm.json.Violations;
import org.openmargo.wfm.problem.ProblemException;

/**
 * Checks a {@code POST /api/v1/deployments/{deploymentId}/status} body against the rc.3
 * {@code DeploymentStatusManifest} (spec d.1 to d.4).
 *
 * <p>Decisions where the spec is silent:
 * <ul>
 *   <li>Members the schema does not name are ignored at every level: rc.3 does not close these objects.</li>
 *   <li>{@code adoptedManifestVersion} is a JSON integer or a string of decimal digits without sign or leading
 *       zeros, in [1, 2^64-1]. Fractions and exponents are refused even when their value is integral.</li>
 *   <li>The members of an {@code error} object are optional strings (the schema does not require them; the digest's
 *       prose reading does) and may be empty (d.3): a client that treats 422 as final would otherwise lose the
 *       report.</li>
 *   <li>Component names must be non-blank and unique; whether they match the deployment is the store's check.</li>
 * </ul>
 * Stateless and thread safe.
 */
public final class StatusValidator {
    /** Largest body accepted, in bytes. */
    public static final int MAX_BYTES = 64 * 1024;

    private static final Pattern DEVICE_ID = Pattern.compile("^[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*$");
    private static final Pattern UNSIGNED = Pattern.compile("^[1-9][0-9]*$");
    private static final List<String> STATES =
            Arrays.stream(DeploymentState.values()).map(DeploymentState::wire).toList();

    private StatusValidator() {
    }

    /**
     * Validates a status body.
     *
     * @param pathDeploymentId the {@code {deploymentId}} of the request path
     * @param body             the request body as received
     * @return the accepted report, holding exactly {@code body}
     * @throws ProblemException {@code INVALID_REQUEST} when the body cannot be parsed (see {@link JsonBody});
     *                          {@code SEMANTIC_ERROR} listing every broken rule otherwise
     */
    public static StatusReport validate(String pathDeploymentId, byte[] body) {
        Map<String, Object> root = JsonBody.parseObject(body, MAX_BYTES);
        Violations v = new Violations();
        Optional<String> deploymentId = v.member(root, "", "deploymentId", true)
                .flatMap(id -> v.string(id, "deploymentId"));
        if (deploymentId.isPresent() && !deploymentId.get().equals(pathDeploymentId)) {
            v.add("deploymentId", "must equal the deployment id in the request path");
        }
        Optional<String> deviceId = v.member(root, "", "deviceId", false)
                .flatMap(id -> v.matching(id, "deviceId", DEVICE_ID))
                .flatMap(id -> v.atMost(id, "deviceId", DeviceId.MAX_LENGTH));
        Optional<Long> version = v.member(root, "", "adoptedManifestVersion", true)
                .flatMap(n -> manifestVersion(n, v));
        Optional<DeploymentState> state = v.member(root, "", "status", true)
                .flatMap(s -> v.object(s, "status"))
                .flatMap(s -> stateWithError(s, "status", v));
        List<StatusReport.ComponentStatus> components = v.member(root, "", "components", true)
                .flatMap(c -> v.array(c, "components", true))
                .map(c -> components(c, v))
                .orElse(List.of());
        if (state.isPresent() && !components.isEmpty()) {
            DeploymentState worst = components.stream().map(StatusReport.ComponentStatus::state)
                    .reduce((a, b) -> a.moreSevereThan(b) ? a : b).orElseThrow();
            if (worst != state.get()) {
                v.add("status.state", "must be the most severe component state, " + worst.wire());
            }
        }
        v.throwIfAny("deployment status");
        return new StatusReport(deploymentId.orElseThrow(), deviceId, version.orElseThrow(), state.orElseThrow(),
                components, body);
    }

    /** An unsigned 64-bit value, as an integer numeral or a digit string; {@code long} holds it two's-complement. */
    private static Optional<Long> manifestVersion(Object value, Violations v) {
        String text;
        if (value instanceof JsonBody.Numeral n) {
            text = n.text();
        } else if (value instanceof String s) {
            text = s;
        } else {
            v.add("adoptedManifestVersion", "must be an integer");
            return Optional.empty();
        }
        if (!UNSIGNED.matcher(text).matches()) {
            v.add("adoptedManifestVersion", "must be an integer from 1 to 18446744073709551615");
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseUnsignedLong(text));
        } catch (NumberFormatException e) {
            v.add("adoptedManifestVersion", "must be an integer from 1 to 18446744073709551615");
            return Optional.empty();
        }
    }

    /** Checks {@code state} and the optional {@code error} of a status or component object. */
    private static Optional<DeploymentState> stateWithError(Map<String, Object> object, String path, Violations v) {
        v.member(object, path, "error", false).flatMap(e -> v.object(e, path + ".error")).ifPresent(error -> {
            for (String name : List.of("code", "source", "message")) {
                v.member(error, path + ".error", name, false).ifPresent(s -> v.string(s, path + ".error." + name));
            }
        });
        return v.member(object, path, "state", true)
                .flatMap(s -> v.oneOf(s, path + ".state", STATES))
                .flatMap(DeploymentState::fromWire);
    }

    /** The components, or an empty list when any of them is broken (then the overall state is not compared). */
    private static List<StatusReport.ComponentStatus> components(List<Object> items, Violations v) {
        List<StatusReport.ComponentStatus> result = new ArrayList<>();
        Set<String> names = new HashSet<>();
        boolean complete = true;
        for (int i = 0; i < items.size(); i++) {
            String path = Violations.path("components", i);
            Optional<Map<String, Object>> item = v.object(items.get(i), path);
            Optional<String> name = item.flatMap(c -> v.member(c, path, "name", true))
                    .flatMap(n -> v.nonBlank(n, path + ".name"));
            if (name.isPresent() && !names.add(name.get())) {
                v.add(path + ".name", "must be unique; another component has this name");
            }
            Optional<DeploymentState> state = item.flatMap(c -> stateWithError(c, path, v));
            if (name.isPresent() && state.isPresent()) {
                result.add(new StatusReport.ComponentStatus(name.get(), state.get()));
            } else {
                complete = false;
            }
        }
        return complete ? result : List.of();
    }
}

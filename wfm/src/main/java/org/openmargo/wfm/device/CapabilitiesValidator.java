package org.openmargo.wfm.device;

import org.openmargo.wfm.json.JsonBody;
import org.openmargo.wfm.json.Violations;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/**
 * Checks a {@code PUT /api/v1/capabilities/{deviceId}} body against the rc.3 {@code DeviceCapabilitiesManifest}
 * (spec section e).
 *
 * <p>Rules beyond the schema, where the spec is silent or contradicts itself:
 * <ul>
 *   <li>Root {@code apiVersion} and {@code kind} are accepted and ignored (digest i #7), though rc.3 forbids them.</li>
 *   <li>Members of {@code properties} not named by the schema are accepted and ignored: the schema does not close
 *       that object.</li>
 *   <li>The hosting fields come all or none (see {@link HostingFields}); {@code cpus} must list at least one entry
 *       for a hosting device. {@code otelCollector} may be {@code false} (the "MUST report true" binds the device).
 *       </li>
 *   <li>Identity strings must not be blank; {@code properties.id} must equal the device id of the path.</li>
 * </ul>
 * Stateless and thread safe.
 */
public final class CapabilitiesValidator {
    /** Largest body accepted, in bytes. */
    public static final int MAX_BYTES = 256 * 1024;

    /** rc.3 {@code DeviceId}: RFC 3986 unreserved characters, levels separated by {@code /}. */
    public static final Pattern DEVICE_ID = DeviceId.PATTERN;

    private static final Set<String> ROOT_MEMBERS = Set.of("properties", "labels");
    private static final Set<String> ROOT_IGNORED = Set.of("apiVersion", "kind");
    private static final List<String> IDENTITY = List.of("vendor", "modelNumber", "serialNumber");

    private CapabilitiesValidator() {
    }

    /**
     * Validates a capabilities body.
     *
     * @param pathDeviceId the {@code {deviceId}} of the request path
     * @param body         the request body as received
     * @return the accepted capabilities, holding exactly {@code body}
     * @throws ProblemException {@code INVALID_REQUEST} when the path id is not a DeviceId or the body cannot be parsed
     *                          (see {@link JsonBody}); {@code SEMANTIC_ERROR} listing every broken rule otherwise
     */
    public static Capabilities validate(String pathDeviceId, byte[] body) {
        if (!DeviceId.isValid(pathDeviceId)) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "the device id in the path is not a valid DeviceId");
        }
        Map<String, Object> root = JsonBody.parseObject(body, MAX_BYTES);
        Violations v = new Violations();
        v.onlyKnownMembers(root, "", ROOT_MEMBERS, ROOT_IGNORED);
        boolean hosting = v.member(root, "", "properties", true)
                .flatMap(p -> v.object(p, "properties"))
                .map(p -> checkProperties(p, pathDeviceId, v))
                .orElse(false);
        v.member(root, "", "labels", false).flatMap(l -> v.object(l, "labels")).ifPresent(l -> Labels.check(l, v));
        v.throwIfAny("device capabilities");
        return new Capabilities(pathDeviceId, hosting, body);
    }

    /** Checks {@code properties}; answers whether the device reports the hosting fields. */
    private static boolean checkProperties(Map<String, Object> properties, String pathDeviceId, Violations v) {
        v.member(properties, "properties", "id", true)
                .flatMap(id -> v.matching(id, "properties.id", DEVICE_ID))
                .filter(id -> !id.equals(pathDeviceId))
                .ifPresent(id -> v.add("properties.id", "must equal the device id in the request path"));
        for (String name : IDENTITY) {
            String path = "properties." + name;
            v.member(properties, "properties", name, true).ifPresent(value -> v.nonBlank(value, path));
        }
        return HostingFields.check(properties, v);
    }
}

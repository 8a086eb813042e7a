package org.openmargo.wfm.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openmargo.wfm.json.JsonBody;
import org.openmargo.wfm.problem.ProblemException;

/**
 * What a hosting device supports, as this WFM reads it (spec e). The Margo prose says a WFM MUST map unknown
 * {@code supportedRuntimes} and {@code supportedDeploymentTypes} values to {@code custom}, while the rc.3 OpenAPI
 * lists closed enums: this WFM accepts any string, stores the report exactly as sent (operators see the reported
 * values) and applies the mapping here, where it reads the report. {@code otelCollector} is whatever the device
 * reported: "a hosting device MUST report true" is a rule for devices, not a reason to refuse the report.
 *
 * @param otelCollector          as reported
 * @param supportedRuntimes      the reported values in order, unknown ones as {@code custom}, without duplicates
 * @param supportedDeploymentTypes the same for deployment types
 */
public record HostingSupport(boolean otelCollector, List<String> supportedRuntimes,
                             List<String> supportedDeploymentTypes) {
    /** The rc.3 {@code supportedRuntimes} values. */
    public static final List<String> RUNTIMES = List.of("oci", "custom");
    /** The rc.3 {@code supportedDeploymentTypes} values. */
    public static final List<String> DEPLOYMENT_TYPES = List.of("helm", "compose", "custom");

    public HostingSupport {
        supportedRuntimes = List.copyOf(supportedRuntimes);
        supportedDeploymentTypes = List.copyOf(supportedDeploymentTypes);
    }

    /**
     * The hosting support of stored capabilities; empty for a device that reports no hosting fields (a see-thru
     * gateway) or a document that is not a capabilities object.
     */
    public static Optional<HostingSupport> of(byte[] capabilitiesJson) {
        Map<String, Object> root;
        try {
            root = JsonBody.parseObject(capabilitiesJson, CapabilitiesValidator.MAX_BYTES);
        } catch (ProblemException e) {
            return Optional.empty();
        }
        if (!(root.get("properties") instanceof Map<?, ?> properties)
                || !(properties.get("otelCollector") instanceof Boolean otel)) {
            return Optional.empty();
        }
        return Optional.of(new HostingSupport(otel, mapped(properties.get("supportedRuntimes"), RUNTIMES),
                mapped(properties.get("supportedDeploymentTypes"), DEPLOYMENT_TYPES)));
    }

    /** Each reported string, or {@code custom} when it is not one of {@code known}; duplicates dropped. */
    static List<String> mapped(Object reported, List<String> known) {
        List<String> values = new ArrayList<>();
        if (reported instanceof List<?> list) {
            for (Object value : list) {
                String mapped = value instanceof String s && known.contains(s) ? s : "custom";
                if (!values.contains(mapped)) {
                    values.add(mapped);
                }
            }
        }
        return values;
    }
}

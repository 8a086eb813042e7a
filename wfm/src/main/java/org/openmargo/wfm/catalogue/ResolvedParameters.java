package org.openmargo.wfm.catalogue;

import jakarta.json.JsonValue;
import java.util.Map;

/**
 * Every parameter of a description with the value a deployment will carry: the operator's value validated against the
 * description's {@code configuration.schema}, otherwise the default {@code value} (Margo rc.3 f.3 step 2).
 *
 * @param values parameter name to its value (a JSON string, number, boolean or array of those), one entry for every
 *               parameter the description declares
 */
public record ResolvedParameters(Map<String, JsonValue> values) {
    public ResolvedParameters {
        values = Map.copyOf(values);
    }
}

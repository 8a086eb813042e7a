package org.openmargo.agent.json;

import java.util.Objects;

/**
 * A JSON string, holding the decoded value (escapes already resolved).
 *
 * @param value the decoded text; never {@code null}
 */
public record JsonString(String value) implements JsonValue {
    public JsonString {
        Objects.requireNonNull(value, "value");
    }
}

package org.openmargo.agent.json;

/**
 * A JSON {@code true} or {@code false}.
 *
 * @param value the boolean value
 */
public record JsonBool(boolean value) implements JsonValue {
}

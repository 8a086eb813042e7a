package org.openmargo.agent.json;

/** The JSON {@code null} literal. There is exactly one instance. */
public enum JsonNull implements JsonValue {
    INSTANCE
}

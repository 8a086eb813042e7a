package org.openmargo.agent.json;

/**
 * An immutable JSON value (RFC 8259). The set of kinds is closed, so callers use an exhaustive {@code switch}.
 *
 * <p>Every implementation is immutable and therefore safe to share between threads. {@link Json#parse(byte[])}
 * produces these values; {@link Json#write(JsonValue)} turns them back into compact JSON text.
 */
public sealed interface JsonValue permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBool, JsonNull {
}

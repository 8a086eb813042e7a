package org.openmargo.agent.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A JSON object. The members are an unmodifiable copy of the given map that keeps its iteration (insertion) order;
 * names are unique by construction.
 *
 * <p>The typed helpers return a value only when the member exists <em>and</em> has that kind, so
 * {@code string("a")} is empty for {@code {"a": 1}}; callers that must tell "missing" from "wrong kind" use
 * {@link #get(String)}.
 *
 * @param members the members; no {@code null} names or values
 * @throws NullPointerException if the map, a name or a value is {@code null}
 */
public record JsonObject(Map<String, JsonValue> members) implements JsonValue {
    public JsonObject {
        LinkedHashMap<String, JsonValue> copy = new LinkedHashMap<>(members);
        copy.forEach((name, value) -> {
            Objects.requireNonNull(name, "member name");
            Objects.requireNonNull(value, "member value");
        });
        members = Collections.unmodifiableMap(copy);
    }

    /** Returns an object with a copy of the given members, in the map's iteration order. */
    public static JsonObject of(Map<String, ? extends JsonValue> members) {
        return new JsonObject(new LinkedHashMap<String, JsonValue>(members));
    }

    /** Returns a new, empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the member of that name, whatever its kind. */
    public Optional<JsonValue> get(String key) {
        return Optional.ofNullable(members.get(key));
    }

    /** Returns the member's text if it is a JSON string. */
    public Optional<String> string(String key) {
        return members.get(key) instanceof JsonString s ? Optional.of(s.value()) : Optional.empty();
    }

    /** Returns the member if it is a JSON object. */
    public Optional<JsonObject> object(String key) {
        return members.get(key) instanceof JsonObject o ? Optional.of(o) : Optional.empty();
    }

    /** Returns the member if it is a JSON array. */
    public Optional<JsonArray> array(String key) {
        return members.get(key) instanceof JsonArray a ? Optional.of(a) : Optional.empty();
    }

    /** Returns the member if it is a JSON number. */
    public Optional<JsonNumber> number(String key) {
        return members.get(key) instanceof JsonNumber n ? Optional.of(n) : Optional.empty();
    }

    /** Returns the member's value if it is {@code true} or {@code false}. */
    public Optional<Boolean> bool(String key) {
        return members.get(key) instanceof JsonBool b ? Optional.of(b.value()) : Optional.empty();
    }

    /** Collects members in insertion order. Not thread-safe; use one builder per object. */
    public static final class Builder {
        private final LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds a member.
         *
         * @throws IllegalArgumentException if a member of that name was already added
         */
        public Builder put(String name, JsonValue value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (members.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("duplicate member name: " + name);
            }
            return this;
        }

        /** Adds a string member; see {@link #put(String, JsonValue)}. */
        public Builder put(String name, String value) {
            return put(name, new JsonString(value));
        }

        /** Adds a signed integer member; see {@link #put(String, JsonValue)}. */
        public Builder put(String name, long value) {
            return put(name, JsonNumber.of(value));
        }

        /** Adds a boolean member; see {@link #put(String, JsonValue)}. */
        public Builder put(String name, boolean value) {
            return put(name, new JsonBool(value));
        }

        /** Returns the object built so far; the builder stays usable. */
        public JsonObject build() {
            return new JsonObject(members);
        }
    }
}

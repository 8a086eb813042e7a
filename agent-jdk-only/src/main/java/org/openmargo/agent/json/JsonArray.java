package org.openmargo.agent.json;

import java.util.List;

/**
 * A JSON array. The items are an unmodifiable copy of the given list, in the given order.
 *
 * @param items the items; never {@code null} and containing no {@code null}
 * @throws NullPointerException if the list or an item is {@code null}
 */
public record JsonArray(List<JsonValue> items) implements JsonValue {
    public JsonArray {
        items = List.copyOf(items);
    }
}

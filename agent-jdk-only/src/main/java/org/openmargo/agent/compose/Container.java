package org.openmargo.agent.compose;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonArray;
import org.openmargo.agent.json.JsonNumber;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonParseException;
import org.openmargo.agent.json.JsonValue;
import org.openmargo.agent.state.ComponentState;

/**
 * One container of a Compose project: the members the agent reads from a line of {@code docker compose ps --all
 * --format json} (v2) or from {@code docker inspect} (v1, whose {@code ps} has no JSON output).
 *
 * @param service the {@code Service}
 * @param state the {@code State}: {@code created}, {@code running}, {@code restarting}, {@code exited}, …
 * @param health the {@code Health}: empty without a health check, else {@code starting}, {@code healthy},
 *               {@code unhealthy}
 * @param exitCode the {@code ExitCode}
 */
record Container(String service, String state, String health, long exitCode) {
    /** The label both Compose CLIs put on every container they create. */
    static final String SERVICE_LABEL = "com.docker.compose.service";

    /**
     * Reads the output of {@code ps --format json}: one object per line (Compose 2.21 and later) or one JSON array
     * (earlier v2 releases). Blank output means no containers.
     *
     * @throws JsonParseException if a line is not JSON
     */
    static List<Container> parseAll(String stdout) throws JsonParseException {
        List<Container> containers = new ArrayList<>();
        for (String line : stdout.strip().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            switch (Json.parse(line.strip())) {
                case JsonArray array -> array.items().forEach(item -> read(item).ifPresent(containers::add));
                case JsonValue other -> read(other).ifPresent(containers::add);
            }
        }
        return containers;
    }

    /**
     * Reads the output of {@code docker inspect <id>…}: a JSON array of containers, each with
     * {@code Config.Labels["com.docker.compose.service"]}, {@code State.Status}, {@code State.Health.Status} and
     * {@code State.ExitCode}. Containers without the service label are skipped.
     *
     * @throws JsonParseException if the output is not JSON
     */
    static List<Container> parseInspect(String stdout) throws JsonParseException {
        JsonValue root = Json.parse(stdout.strip());
        List<Container> containers = new ArrayList<>();
        for (JsonValue item : root instanceof JsonArray array ? array.items() : List.of(root)) {
            if (!(item instanceof JsonObject object)) {
                continue;
            }
            Optional<String> service = object.object("Config").flatMap(c -> c.object("Labels"))
                    .flatMap(l -> l.string(SERVICE_LABEL));
            Optional<JsonObject> state = object.object("State");
            service.ifPresent(name -> containers.add(new Container(name,
                    state.flatMap(s -> s.string("Status")).orElse(""),
                    state.flatMap(s -> s.object("Health")).flatMap(h -> h.string("Status")).orElse(""),
                    state.flatMap(s -> s.number("ExitCode")).filter(JsonNumber::isIntegral)
                            .map(JsonNumber::longValueExact).orElse(0L))));
        }
        return containers;
    }

    private static Optional<Container> read(JsonValue value) {
        if (!(value instanceof JsonObject object)) {
            return Optional.empty();
        }
        return object.string("Service").map(service -> new Container(service,
                object.string("State").orElse(""), object.string("Health").orElse(""),
                object.number("ExitCode").filter(JsonNumber::isIntegral).map(JsonNumber::longValueExact).orElse(0L)));
    }

    /**
     * The state of a component from its containers: {@code FAILED} if any exited non-zero, is dead or unhealthy;
     * {@code INSTALLED} if every one runs (and is healthy where it has a health check) or exited 0 (a one-shot job
     * that completed); otherwise {@code INSTALLING} (created, restarting, health check starting). Empty when there
     * are no containers.
     */
    static Optional<ComponentState> stateOf(Collection<Container> containers) {
        if (containers.isEmpty()) {
            return Optional.empty();
        }
        if (containers.stream().anyMatch(Container::broken)) {
            return Optional.of(ComponentState.FAILED);
        }
        return Optional.of(containers.stream().allMatch(Container::ready)
                ? ComponentState.INSTALLED : ComponentState.INSTALLING);
    }

    private boolean broken() {
        return "dead".equals(state) || "unhealthy".equals(health) || ("exited".equals(state) && exitCode != 0);
    }

    private boolean ready() {
        return ("running".equals(state) && (health.isEmpty() || "healthy".equals(health)))
                || ("exited".equals(state) && exitCode == 0);
    }
}

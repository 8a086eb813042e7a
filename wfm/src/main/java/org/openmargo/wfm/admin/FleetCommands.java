package org.openmargo.wfm.admin;

import static org.openmargo.wfm.admin.Commands.objects;
import static org.openmargo.wfm.admin.Commands.text;

import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonGenerator;

/**
 * The fleet commands ({@code fleet}, {@code rollout}, {@code labels}; docs/fleet.md): each one or two operator API
 * calls, a human table by default and the API's answer with {@code --json}.
 */
final class FleetCommands {
    static final String USAGE = """
              fleet create --name N --app APP --version V (--match K=V | --selector JSON | --clients C1,C2
                      | --devices D1,D2) ... [--profile P] [--namespace NS] [--param NAME=VALUE]...
                      [--keep-on-mismatch] [--staged] [--json]
                                                       deploy an application version to every matching device
              fleet list | fleet show ID | fleet delete ID
                                                       fleet deployments; show lists members and not-placeable reasons
              rollout start --fleet ID --to V --waves 1,50%,100% [--success 1.0] [--errors 0.0] [--timeout PT30M]
                                                       a staged rollout: a canary count, then cumulative percentages
              rollout list | rollout show ID           rollouts; show: counts by state per wave, every device
              rollout pause|resume|cancel|rollback ID  operator commands (rollback starts a new rollout back)
              rollout exclude ID --client C --device D take a device out of a rollout
              labels list | labels show CLIENT         operator-assigned client labels (group=NAME is a group)
              labels set CLIENT K=V... | labels remove CLIENT K...
              (every fleet, rollout and labels command takes --json for the operator API's answer)""";

    private static final String FLEET = "operator/v1/fleet-deployments";
    private static final String ROLLOUTS = "operator/v1/rollouts";

    private final OperatorClient client;
    private final PrintStream out;

    FleetCommands(OperatorClient client, PrintStream out) {
        this.client = client;
        this.out = out;
    }

    void fleet(Args args) {
        String sub = args.word("fleet create|list|show|delete");
        boolean json = args.flag("json");
        JsonObject answer = switch (sub) {
            case "create" -> client.json("POST", FLEET, fleetBody(args));
            case "list" -> done(args, () -> client.json("GET", FLEET, null));
            case "show" -> {
                String id = id(args.word("a fleet deployment id"));
                yield done(args, () -> client.json("GET", FLEET + "/" + id, null));
            }
            case "delete" -> {
                String id = id(args.word("a fleet deployment id"));
                yield done(args, () -> client.json("DELETE", FLEET + "/" + id, null));
            }
            default -> throw new UsageException("fleet: expected create, list, show or delete");
        };
        if (json) {
            pretty(answer);
            return;
        }
        switch (sub) {
            case "list" -> {
                Table t = new Table("ID", "NAME", "APP", "VERSION", "SELECTOR");
                for (JsonObject f : objects(answer, "fleetDeployments")) {
                    t.row(text(f, "id"), text(f, "name"), text(f, "app"), text(f, "version"), text(f, "selector"));
                }
                t.print(out);
            }
            case "show" -> {
                out.println(text(answer, "name") + " (" + text(answer, "id") + "): " + text(answer, "app") + " "
                        + text(answer, "version") + ", selector " + text(answer, "selector"));
                Table t = new Table("CLIENT", "DEVICE", "VERSION", "APPLIED", "PLACEMENT", "REASON");
                for (JsonObject m : objects(answer, "members")) {
                    t.row(text(m, "clientId"), text(m, "deviceId"), text(m, "version"), text(m, "appliedVersion"),
                            text(m, "placement"), text(m, "reason"));
                }
                t.print(out);
            }
            case "delete" -> out.println("Fleet deployment " + text(answer, "id") + " deleted; its deployments are "
                    + "removed from the devices.");
            default -> out.println("Fleet deployment " + text(answer, "name") + " created: " + text(answer, "id")
                    + ".");
        }
    }

    void rollout(Args args) {
        String sub = args.word("rollout start|list|show|pause|resume|cancel|rollback|exclude");
        boolean json = args.flag("json");
        JsonObject answer = switch (sub) {
            case "start" -> client.json("POST", ROLLOUTS, rolloutBody(args));
            case "list" -> done(args, () -> client.json("GET", ROLLOUTS, null));
            case "show" -> {
                String id = id(args.word("a rollout id"));
                yield done(args, () -> client.json("GET", ROLLOUTS + "/" + id, null));
            }
            case "pause", "resume", "cancel", "rollback" -> {
                String id = id(args.word("a rollout id"));
                yield done(args, () -> client.json("POST", ROLLOUTS + "/" + id + "/" + sub, null));
            }
            case "exclude" -> {
                String id = id(args.word("a rollout id"));
                JsonObject body = Json.createObjectBuilder().add("clientId", args.required("client"))
                        .add("deviceId", args.required("device")).build();
                yield done(args, () -> client.json("POST", ROLLOUTS + "/" + id + "/exclusions", body));
            }
            default -> throw new UsageException("rollout: expected start, list, show, pause, resume, cancel, "
                    + "rollback or exclude");
        };
        if (json) {
            pretty(answer);
            return;
        }
        switch (sub) {
            case "list" -> {
                Table t = new Table("ID", "FLEET", "FROM", "TO", "STATE", "WAVE", "REASON");
                for (JsonObject r : objects(answer, "rollouts")) {
                    t.row(text(r, "id"), text(r, "fleetDeployment"), text(r, "fromVersion"), text(r, "toVersion"),
                            text(r, "state"), text(r, "currentWave"), text(r, "reason"));
                }
                t.print(out);
            }
            case "show" -> showRollout(answer);
            case "exclude" -> out.println("Device " + text(answer, "deviceId") + " of client "
                    + text(answer, "clientId") + " excluded from rollout " + text(answer, "id") + ".");
            default -> out.println("Rollout " + text(answer, "id") + " (" + text(answer, "fromVersion") + " -> "
                    + text(answer, "toVersion") + ") is " + text(answer, "state") + ".");
        }
    }

    void labels(Args args) {
        String sub = args.word("labels list|show|set|remove");
        boolean json = args.flag("json");
        JsonObject answer = switch (sub) {
            case "list" -> done(args, () -> client.json("GET", "operator/v1/labels", null));
            case "show" -> {
                String c = args.word("a client id");
                yield done(args, () -> client.json("GET", "operator/v1/clients/" + c + "/labels", null));
            }
            case "set", "remove" -> {
                String c = args.word("a client id");
                JsonObjectBuilder patch = Json.createObjectBuilder();
                List<String> words = rest(args, sub.equals("set") ? "K=V" : "a label name");
                for (String w : words) {
                    if (sub.equals("remove")) {
                        patch.addNull(w);
                    } else if (w.indexOf('=') > 0) {
                        patch.add(w.substring(0, w.indexOf('=')), w.substring(w.indexOf('=') + 1));
                    } else {
                        throw new UsageException("labels set: '" + w + "' is not NAME=VALUE");
                    }
                }
                yield client.json("PATCH", "operator/v1/clients/" + c + "/labels",
                        Json.createObjectBuilder().add("labels", patch).build());
            }
            default -> throw new UsageException("labels: expected list, show, set or remove");
        };
        if (json) {
            pretty(answer);
            return;
        }
        Table t = new Table("CLIENT", "LABEL", "VALUE");
        if (answer.get("clients") instanceof JsonObject clients) {
            clients.forEach((c, l) -> l.asJsonObject().forEach((k, v) -> t.row(c, k, ((JsonString) v).getString())));
        } else {
            answer.getJsonObject("labels").forEach((k, v) -> t.row(text(answer, "clientId"), k,
                    ((JsonString) v).getString()));
        }
        t.print(out);
    }

    private void showRollout(JsonObject r) {
        out.println("Rollout " + text(r, "id") + ": " + text(r, "fromVersion") + " -> " + text(r, "toVersion") + ", "
                + text(r, "state") + ", wave " + text(r, "currentWave") + (r.containsKey("reason") ? " ("
                + text(r, "reason") + ")" : ""));
        JsonObject counts = r.getJsonObject("counts");
        List<String> header = new ArrayList<>(List.of("WAVE", "DEVICES"));
        counts.keySet().forEach(k -> header.add(k.toUpperCase(java.util.Locale.ROOT)));
        header.add("STALE");
        Table waves = new Table(header.toArray(String[]::new));
        for (JsonObject w : objects(r, "waveProgress")) {
            List<String> row = new ArrayList<>(List.of(text(w, "index"), text(w, "devices")));
            counts.keySet().forEach(k -> row.add(text(w.getJsonObject("counts"), k)));
            row.add(text(w, "stale"));
            waves.row(row.toArray(String[]::new));
        }
        waves.print(out);
        out.println();
        Table devices = new Table("CLIENT", "DEVICE", "WAVE", "STATE", "STALE", "LAST-POLL", "LAST-ERROR");
        for (JsonObject d : objects(r, "devices")) {
            devices.row(text(d, "clientId"), text(d, "deviceId"), text(d, "wave"), text(d, "state"), text(d, "stale"),
                    text(d, "lastPoll"), text(d, "lastError"));
        }
        devices.print(out);
    }

    private static JsonObject fleetBody(Args args) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("name", args.required("name"))
                .add("app", args.required("app")).add("version", args.required("version"));
        args.option("profile").ifPresent(p -> body.add("profile", p));
        args.option("namespace").ifPresent(n -> body.add("namespace", n));
        JsonObjectBuilder selector = args.option("selector").map(s -> Json.createObjectBuilder(parse(s, "--selector")
                .asJsonObject())).orElseGet(Json::createObjectBuilder);
        JsonObjectBuilder match = Json.createObjectBuilder();
        boolean any = false;
        for (String m : repeated(args, "match")) {
            if (m.indexOf('=') <= 0) {
                throw new UsageException("fleet create: --match is NAME=VALUE, not '" + m + "'");
            }
            match.add(m.substring(0, m.indexOf('=')), m.substring(m.indexOf('=') + 1));
            any = true;
        }
        if (any) {
            selector.add("matchLabels", match);
        }
        args.option("clients").ifPresent(c -> {
            JsonArrayBuilder ids = Json.createArrayBuilder();
            for (String id : c.split(",")) {
                ids.add(id.strip());
            }
            selector.add("clients", ids);
        });
        args.option("devices").ifPresent(d -> {
            JsonArrayBuilder ids = Json.createArrayBuilder();
            for (String id : d.split(",")) {
                ids.add(id.strip());
            }
            selector.add("devices", ids);
        });
        JsonObjectBuilder params = Json.createObjectBuilder();
        for (String p : repeated(args, "param")) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("fleet create: --param is NAME=VALUE, not '" + p + "'");
            }
            String value = p.substring(eq + 1);
            JsonValue v;
            try {
                v = parse(value, "--param");
            } catch (UsageException e) {
                v = Json.createValue(value); // not JSON: a string
            }
            params.add(p.substring(0, eq), v);
        }
        body.add("selector", selector).add("parameters", params)
                .add("removeOnMismatch", !args.flag("keep-on-mismatch")).add("staged", args.flag("staged"));
        args.done();
        return body.build();
    }

    private static JsonObject rolloutBody(Args args) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("fleetDeployment", id(args.required("fleet")))
                .add("toVersion", args.required("to"));
        JsonArrayBuilder waves = Json.createArrayBuilder();
        for (String w : args.required("waves").split(",")) {
            String s = w.strip();
            try {
                waves.add(s.endsWith("%")
                        ? Json.createObjectBuilder().add("percent", Integer.parseInt(s.substring(0, s.length() - 1)))
                        : Json.createObjectBuilder().add("devices", Integer.parseInt(s)));
            } catch (NumberFormatException e) {
                throw new UsageException("rollout start: --waves is like 1,50%,100%, not '" + s + "'");
            }
        }
        body.add("waves", waves);
        args.option("success").ifPresent(s -> body.add("successThreshold", number(s, "--success")));
        args.option("errors").ifPresent(s -> body.add("errorThreshold", number(s, "--errors")));
        args.option("timeout").ifPresent(t -> body.add("waveTimeout", t));
        args.done();
        return body.build();
    }

    private static double number(String text, String option) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " is a number from 0 to 1, not '" + text + "'");
        }
    }

    private static List<String> repeated(Args args, String name) {
        List<String> values = new ArrayList<>();
        for (var v = args.option(name); v.isPresent(); v = args.option(name)) {
            values.add(v.get());
        }
        return values;
    }

    private static List<String> rest(Args args, String what) {
        List<String> words = new ArrayList<>();
        words.add(args.word(what));
        while (true) {
            try {
                words.add(args.word(what));
            } catch (UsageException e) {
                return words;
            }
        }
    }

    private static JsonValue parse(String text, String option) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        } catch (JsonException | IllegalStateException e) {
            throw new UsageException(option + " is not valid JSON");
        }
    }

    private static String id(String id) {
        if (!id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            throw new UsageException("'" + id + "' is not an id (a lower-case UUID, see the list commands)");
        }
        return id;
    }

    private static JsonObject done(Args args, java.util.function.Supplier<JsonObject> call) {
        args.done();
        return call.get();
    }

    private void pretty(JsonObject json) {
        StringWriter text = new StringWriter();
        try (JsonWriter writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
                .createWriter(text)) {
            writer.writeObject(json);
        }
        out.println(text.toString().strip());
    }

}

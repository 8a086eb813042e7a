package org.openmargo.wfm.admin;

import static org.openmargo.wfm.admin.Commands.objects;
import static org.openmargo.wfm.admin.Commands.text;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * {@code wfm admin apps import FILE | list | show APP [VERSION] | delete APP VERSION [--json]}: the application
 * catalogue through {@code /operator/v1/apps}. Human tables by default; {@code --json} prints the operator API's
 * answer as is, for scripts.
 */
final class AppsCommand {
    private static final String APP_ID = "[a-z0-9-]{1,200}";
    private static final String VERSION = "[A-Za-z0-9][A-Za-z0-9._+~-]{0,127}";

    private final OperatorClient client;
    private final PrintStream out;

    AppsCommand(OperatorClient client, PrintStream out) {
        this.client = client;
        this.out = out;
    }

    void run(Args args) {
        String sub = args.word("apps import|list|show|delete");
        boolean json = args.flag("json");
        switch (sub) {
            case "import" -> importFile(args, json);
            case "list" -> {
                args.done();
                JsonObject answer = client.json("GET", "operator/v1/apps", null);
                if (json) {
                    pretty(answer);
                    return;
                }
                Table table = new Table("APP", "VERSION", "NAME", "IMPORTED", "BY");
                for (JsonObject app : objects(answer, "apps")) {
                    for (JsonObject v : objects(app, "versions")) {
                        table.row(text(v, "appId"), text(v, "version"), text(v, "name"), text(v, "importedAt"),
                                text(v, "importedBy"));
                    }
                }
                table.print(out);
            }
            case "show" -> show(args, json);
            case "delete" -> {
                String app = appId(args.word("an application id"));
                String version = version(args.word("a version"));
                args.done();
                JsonObject answer = client.json("DELETE", "operator/v1/apps/" + app + "/versions/" + version, null);
                if (json) {
                    pretty(answer);
                } else {
                    out.println("Deleted " + app + " " + version + " from the catalogue.");
                }
            }
            default -> throw new UsageException("apps: expected import, list, show or delete");
        }
    }

    private void importFile(Args args, boolean json) {
        Path file = Path.of(args.word("a description file"));
        args.done();
        byte[] yaml;
        try {
            yaml = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AdminException("cannot read " + file + ": " + e.getClass().getSimpleName());
        }
        JsonObject answer = OperatorClient.parse(client.send("POST", "operator/v1/apps", "application/yaml", yaml));
        if (json) {
            pretty(answer);
            return;
        }
        boolean created = answer.getBoolean("created", false);
        out.println((created ? "Imported " : "Already imported (same bytes): ") + text(answer, "appId") + " "
                + text(answer, "version") + " (" + text(answer, "name") + "), sha256 " + text(answer, "sha256")
                + ".");
    }

    private void show(Args args, boolean json) {
        String app = appId(args.word("an application id"));
        java.util.Optional<String> version = args.optionalWord().map(AppsCommand::version);
        args.done();
        if (version.isEmpty()) {
            JsonObject answer = client.json("GET", "operator/v1/apps/" + app, null);
            if (json) {
                pretty(answer);
                return;
            }
            Table table = new Table("VERSION", "NAME", "SHA256", "IMPORTED", "BY");
            for (JsonObject v : objects(answer, "versions")) {
                table.row(text(v, "version"), text(v, "name"), abbreviated(text(v, "sha256")),
                        text(v, "importedAt"), text(v, "importedBy"));
            }
            table.print(out);
            return;
        }
        JsonObject answer = client.json("GET", "operator/v1/apps/" + app + "/versions/" + version.get(), null);
        if (json) {
            pretty(answer);
            return;
        }
        out.println(text(answer, "appId") + " " + text(answer, "version") + ": " + text(answer, "name")
                + " (imported " + text(answer, "importedAt") + " by " + text(answer, "importedBy") + ")");
        Table profiles = new Table("PROFILE", "TYPE", "COMPONENTS");
        for (JsonObject p : array(answer.get("profiles"))) {
            profiles.row(text(p, "id"), text(p, "type"), String.join(", ", array(p.get("components")).stream()
                    .map(c -> text(c, "name")).toList()));
        }
        profiles.print(out);
        Table parameters = new Table("PARAMETER", "DEFAULT", "TARGETS");
        if (answer.get("parameters") instanceof JsonObject params) {
            params.forEach((name, value) -> {
                JsonObject p = value.asJsonObject();
                parameters.row(name, p.containsKey("value") ? display(p.get("value")) : "(none: required)",
                        Integer.toString(array(p.get("targets")).size()));
            });
        }
        parameters.print(out);
    }

    private void pretty(JsonObject json) {
        java.io.StringWriter text = new java.io.StringWriter();
        try (jakarta.json.JsonWriter writer = jakarta.json.Json.createWriterFactory(
                java.util.Map.of(jakarta.json.stream.JsonGenerator.PRETTY_PRINTING, true)).createWriter(text)) {
            writer.writeObject(json);
        }
        out.println(text.toString().strip());
    }

    private static String abbreviated(String sha256) {
        return sha256.length() > 12 ? sha256.substring(0, 12) + "…" : sha256;
    }

    private static String display(JsonValue value) {
        return value instanceof JsonString s ? s.getString() : value.toString();
    }

    private static List<JsonObject> array(JsonValue value) {
        if (!(value instanceof JsonArray array)) {
            return List.of();
        }
        return array.stream().filter(v -> v instanceof JsonObject).map(JsonValue::asJsonObject).toList();
    }

    private static String appId(String id) {
        if (!id.matches(APP_ID)) {
            throw new UsageException("'" + id + "' is not an application id (1-200 of a-z 0-9 -)");
        }
        return id;
    }

    private static String version(String version) {
        if (!version.matches(VERSION)) {
            throw new UsageException("'" + version + "' is not a catalogue version");
        }
        return version;
    }
}

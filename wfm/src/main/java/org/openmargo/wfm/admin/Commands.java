package org.openmargo.wfm.admin;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonGenerator;

/** The admin commands, each one or two operator API calls and a plain-text rendering of the answer. */
final class Commands {
    private static final String CLIENT_ID = "[A-Za-z0-9._~-]{1,200}";

    private final OperatorClient client;
    private final PrintStream out;

    Commands(OperatorClient client, PrintStream out) {
        this.client = client;
        this.out = out;
    }

    void run(Args args) {
        String command = args.word("command");
        switch (command) {
            case "token" -> token(args);
            case "clients" -> clients(args);
            case "deployments" -> deployments(args);
            case "sign-csr" -> signCsr(args);
            case "ca" -> ca(args);
            case "discovery" -> discovery(args);
            case "audit" -> audit(args);
            case "apps" -> new AppsCommand(client, out).run(args);
            case "fleet" -> new FleetCommands(client, out).fleet(args);
            case "rollout" -> new FleetCommands(client, out).rollout(args);
            case "labels" -> new FleetCommands(client, out).labels(args);
            default -> throw new UsageException("unknown command '" + command + "'");
        }
    }

    private void token(Args args) {
        switch (args.word("token create|list|revoke")) {
            case "create" -> {
                String clientId = clientId(args.required("client"));
                var body = Json.createObjectBuilder().add("clientId", clientId);
                args.option("ttl").ifPresent(ttl -> body.add("ttl", ttl));
                boolean json = args.flag("json");
                args.done();
                JsonObject answer = client.json("POST", "operator/v1/enrollment-tokens", body.build());
                if (json) {
                    // For scripts (quickstart.sh): the operator API's answer as is, one object.
                    pretty(answer);
                } else {
                    printToken(answer);
                }
            }
            case "list" -> {
                args.done();
                Table table = new Table("TOKEN-ID", "CLIENT", "STATE", "CREATED", "BY", "EXPIRES", "USED");
                for (JsonObject t : objects(client.json("GET", "operator/v1/enrollment-tokens", null), "tokens")) {
                    table.row(text(t, "tokenId"), text(t, "clientId"), text(t, "state"), text(t, "createdAt"),
                            text(t, "createdBy"), text(t, "expiresAt"), text(t, "usedAt"));
                }
                table.print(out);
            }
            case "revoke" -> {
                String id = args.word("a token id");
                args.done();
                client.json("DELETE", "operator/v1/enrollment-tokens/" + tokenId(id), null);
                out.println("Token " + id + " revoked.");
            }
            default -> throw new UsageException("token: expected create, list or revoke");
        }
    }

    private void printToken(JsonObject answer) {
        String token = text(answer, "token");
        out.println("Enrollment token for client '" + text(answer, "clientId") + "' (id " + text(answer, "tokenId")
                + ", expires " + text(answer, "expiresAt") + "). It is shown only once:");
        out.println();
        out.println("  " + token);
        out.println();
        out.println("On the device, put these lines in agent.conf:");
        out.print(agentConfig(answer).indent(2));
        out.println("then run:");
        out.println("  agent enroll --config agent.conf --token " + token);
    }

    private static String agentConfig(JsonObject answer) {
        List<String> pins = answer.getJsonArray("pins").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList();
        return "trust.discovery-url = " + text(answer, "discoveryUri") + "\n"
                + (pins.isEmpty() ? "" : "trust.pins = " + String.join(", ", pins) + "\n");
    }

    private void clients(Args args) {
        switch (args.word("clients list|show|approve|retire")) {
            case "list" -> {
                args.done();
                Table table = new Table("CLIENT", "STANDING", "DEVICES", "DEPLOYMENTS", "MANIFEST");
                for (JsonObject c : objects(client.json("GET", "operator/v1/clients", null), "clients")) {
                    table.row(text(c, "clientId"), text(c, "standing"), count(c, "devices"), count(c, "deployments"),
                            text(c, "manifestVersion"));
                }
                table.print(out);
            }
            case "show" -> {
                String id = clientId(args.word("a client id"));
                args.done();
                pretty(client.json("GET", "operator/v1/clients/" + id, null));
            }
            case "approve" -> standing(args, "accept", "accepted");
            case "retire" -> standing(args, "retire", "retired");
            default -> throw new UsageException("clients: expected list, show, approve or retire");
        }
    }

    private void deployments(Args args) {
        switch (args.word("deployments put|remove")) {
            case "put" -> {
                String id = clientId(args.required("client"));
                Path file = Path.of(args.required("file"));
                args.done();
                byte[] yaml;
                try {
                    yaml = Files.readAllBytes(file);
                } catch (IOException e) {
                    throw new AdminException("cannot read " + file + ": " + e.getClass().getSimpleName());
                }
                JsonObject answer = OperatorClient.parse(client.send("PUT", "operator/v1/clients/" + id
                        + "/deployments", "application/yaml", yaml));
                out.println("Deployment " + text(answer, "deploymentId") + " (" + text(answer, "digest")
                        + ") stored for client '" + id + "'; manifest version " + text(answer, "manifestVersion")
                        + ".");
            }
            case "remove" -> {
                String id = clientId(args.required("client"));
                String deploymentId = args.word("a deployment id");
                args.done();
                JsonObject answer = client.json("DELETE", "operator/v1/clients/" + id + "/deployments/"
                        + java.net.URLEncoder.encode(deploymentId, StandardCharsets.UTF_8), null);
                out.println("Deployment " + deploymentId + " removed from client '" + id + "'; manifest version "
                        + text(answer, "manifestVersion") + ".");
            }
            default -> throw new UsageException("deployments: expected put or remove");
        }
    }

    private void standing(Args args, String action, String done) {
        String id = clientId(args.word("a client id"));
        args.done();
        client.json("POST", "operator/v1/clients/" + id + "/" + action, null);
        out.println("Client '" + id + "' " + done + ".");
    }

    private void signCsr(Args args) {
        String id = clientId(args.required("client"));
        Path in = Path.of(args.required("in"));
        var outFile = args.option("out").map(Path::of);
        args.done();
        byte[] csr;
        try {
            csr = Files.readAllBytes(in);
        } catch (IOException e) {
            throw new AdminException("cannot read " + in + ": " + e.getClass().getSimpleName());
        }
        String type = new String(csr, StandardCharsets.ISO_8859_1).contains("-----BEGIN") ? "text/plain"
                : "application/pkcs10";
        byte[] chain = client.send("POST", "operator/v1/clients/" + id + "/svid", type, csr);
        if (outFile.isEmpty()) {
            out.print(new String(chain, StandardCharsets.US_ASCII));
            return;
        }
        try {
            Files.write(outFile.get(), chain);
        } catch (IOException e) {
            throw new AdminException("cannot write " + outFile.get() + ": " + e.getClass().getSimpleName());
        }
        out.println("SVID for client '" + id + "' written to " + outFile.get()
                + "; the client is accepted. On the device: agent import-svid --config agent.conf --in "
                + outFile.get().getFileName());
    }

    private void ca(Args args) {
        switch (args.word("ca show|rotate")) {
            case "show" -> {
                args.done();
                pretty(client.json("GET", "operator/v1/ca", null));
            }
            case "rotate" -> {
                String step = args.word("the rotation step (stage, activate or finish)");
                if (!List.of("stage", "activate", "finish").contains(step)) {
                    throw new UsageException("ca rotate: the step is stage, activate or finish, not '" + step + "'");
                }
                args.done();
                pretty(client.json("POST", "operator/v1/ca/rotation",
                        Json.createObjectBuilder().add("step", step).build()));
            }
            default -> throw new UsageException("ca: expected show or rotate");
        }
    }

    private void discovery(Args args) {
        args.done();
        JsonObject answer = client.json("GET", "operator/v1/discovery", null);
        out.println("Discovery document: " + text(answer, "discoveryUri"));
        if (answer.get("document") instanceof JsonObject document) {
            pretty(document);
        }
        out.println("Pins: " + String.join(", ", answer.getJsonArray("pins").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList()));
        out.println("Agent configuration lines:");
        out.print(agentConfig(answer).indent(2));
    }

    private void audit(Args args) {
        String limit = args.option("limit").orElse("50");
        args.done();
        if (!limit.matches("[0-9]{1,4}") || Integer.parseInt(limit) < 1 || Integer.parseInt(limit) > 1000) {
            throw new UsageException("audit: --limit is 1 to 1000");
        }
        Table table = new Table("AT", "ACTOR", "REMOTE", "ACTION", "TARGET", "DETAIL");
        for (JsonObject e : objects(client.json("GET", "operator/v1/audit?limit=" + limit, null), "entries")) {
            table.row(text(e, "at"), text(e, "actor"), text(e, "remoteAddress"), text(e, "action"), text(e, "target"),
                    text(e, "detail"));
        }
        table.print(out);
    }

    private void pretty(JsonObject json) {
        StringWriter text = new StringWriter();
        try (JsonWriter writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
                .createWriter(text)) {
            writer.writeObject(json);
        }
        out.println(text.toString().strip());
    }

    private static String clientId(String id) {
        if (!id.matches(CLIENT_ID) || id.equals(".") || id.equals("..")) {
            throw new UsageException("'" + id + "' is not a client id (1-200 of A-Z a-z 0-9 - . _ ~)");
        }
        return id;
    }

    private static String tokenId(String id) {
        if (!id.matches("[0-9a-f]{16}")) {
            throw new UsageException("a token id is 16 lower-case hex digits (see token list)");
        }
        return id;
    }

    /** The objects of the {@code member} array of an operator API answer; an AdminException when it has none. */
    static List<JsonObject> objects(JsonObject answer, String member) {
        if (!(answer.get(member) instanceof JsonArray array)) {
            throw new AdminException("the operator API answer has no '" + member + "' list");
        }
        return array.stream().filter(v -> v.getValueType() == JsonValue.ValueType.OBJECT)
                .map(JsonValue::asJsonObject).toList();
    }

    /** A member as table text: a string as is, {@code -} when absent or null, any other value as JSON. */
    static String text(JsonObject o, String member) {
        JsonValue value = o.get(member);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return "-";
        }
        return value instanceof JsonString s ? s.getString() : value.toString();
    }

    private static String count(JsonObject o, String member) {
        return o.get(member) instanceof JsonArray array ? Integer.toString(array.size()) : "-";
    }
}

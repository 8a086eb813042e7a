package org.openmargo.wfm.operatorapi;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.openmargo.wfm.desiredstate.DesiredStateStore;
import org.openmargo.wfm.device.DeviceStore;
import org.openmargo.wfm.device.HostingSupport;
import org.openmargo.wfm.identity.ClientRegistry;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;
import org.openmargo.wfm.presence.Presence;
import org.openmargo.wfm.status.StatusChange;
import org.openmargo.wfm.status.StatusStore;

/**
 * What an operator sees of the clients: policy standing, devices with their capabilities, deployments with their
 * latest status, and the current manifest version. Reads only.
 *
 * <p>A device's {@code capabilities} is its report exactly as sent; {@code hosting}, for a device that hosts
 * workloads, is how this WFM reads it ({@link HostingSupport}: unknown runtimes and deployment types as
 * {@code custom}).
 */
public final class ClientOverview {
    private final ClientRegistry registry;
    private final DeviceStore devices;
    private final DesiredStateStore desiredState;
    private final StatusStore statuses;
    private final Presence presence;

    /**
     * @param presence the polls this instance answered: a client's {@code lastPoll}, when it polled here since the
     *                 instance started
     */
    public ClientOverview(ClientRegistry registry, DeviceStore devices, DesiredStateStore desiredState,
                          StatusStore statuses, Presence presence) {
        this.registry = registry;
        this.devices = devices;
        this.desiredState = desiredState;
        this.statuses = statuses;
        this.presence = presence;
    }

    /**
     * The clients known to the policy, the device registry or the desired state that the query selects, ordered by id: {@code clients} (only the page's, each described in full),
     * {@code total} (how many match), {@code offset} and, when paged, {@code limit}. The ids come from three id-only
     * queries; only the page's clients are described, so a page costs the same with 10 or 10,000 clients but for
     * those id lists.
     */
    JsonObject page(ClientQuery query) {
        Map<String, ClientRegistry.Entry> policy = policyEntries();
        TreeSet<String> ids = new TreeSet<>(policy.keySet());
        ids.addAll(devices.clients());
        ids.addAll(desiredState.clients());
        List<String> matching = ids.stream().filter(id -> query.matches(id, standing(policy.get(id)))).toList();
        int from = Math.min(query.offset(), matching.size());
        int to = query.limit().map(l -> Math.min(matching.size(), from + l)).orElse(matching.size());
        JsonArrayBuilder clients = Json.createArrayBuilder();
        matching.subList(from, to).forEach(id -> clients.add(describe(id, policy)));
        JsonObjectBuilder answer = Json.createObjectBuilder().add("clients", clients)
                .add("total", matching.size()).add("offset", from);
        query.limit().ifPresent(l -> answer.add("limit", l));
        return answer.build();
    }

    private static String standing(ClientRegistry.Entry entry) {
        return entry == null ? "unlisted" : entry.standing().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** One client, or 404 when nothing at all is known about it. */
    JsonObject one(String clientId) {
        Map<String, ClientRegistry.Entry> policy = policyEntries();
        if (!policy.containsKey(clientId) && !devices.clients().contains(clientId)
                && !desiredState.clients().contains(clientId)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "Nothing is known about that client.");
        }
        return describe(clientId, policy);
    }

    /**
     * A deployment's status history, newest first ({@link StatusStore#history}): {@code clientId},
     * {@code deploymentId} and {@code changes}, each with {@code seq}, {@code state}, {@code adoptedManifestVersion},
     * {@code receivedAt} and {@code components} (name and state). 404 when the client has no such deployment.
     */
    JsonObject history(String clientId, String deploymentId) {
        if (desiredState.deployments(clientId).stream().noneMatch(d -> d.deploymentId().equals(deploymentId))) {
            throw new ProblemException(ProblemType.NOT_FOUND, "That client has no deployment with that id.");
        }
        JsonArrayBuilder changes = Json.createArrayBuilder();
        for (StatusChange c : statuses.history(clientId, deploymentId)) {
            JsonArrayBuilder components = Json.createArrayBuilder();
            c.components().forEach(cs -> components.add(Json.createObjectBuilder().add("name", cs.name())
                    .add("state", cs.state().wire())));
            changes.add(Json.createObjectBuilder().add("seq", c.seq()).add("state", c.state().wire())
                    .add("adoptedManifestVersion", Long.toUnsignedString(c.adoptedManifestVersion()))
                    .add("receivedAt", c.receivedAt().toString()).add("components", components));
        }
        return Json.createObjectBuilder().add("clientId", clientId).add("deploymentId", deploymentId)
                .add("changes", changes).build();
    }

    private Map<String, ClientRegistry.Entry> policyEntries() {
        return registry.entries().stream().collect(Collectors.toMap(ClientRegistry.Entry::clientId, Function.identity()));
    }

    private JsonObject describe(String clientId, Map<String, ClientRegistry.Entry> policy) {
        ClientRegistry.Entry entry = policy.get(clientId);
        JsonObjectBuilder client = Json.createObjectBuilder()
                .add("clientId", clientId)
                .add("standing", standing(entry))
                .add("manifestVersion", Long.toUnsignedString(desiredState.manifest(clientId).version()));
        presence.last(clientId).ifPresent(p -> client.add("lastPoll", p.at().toString()));
        JsonArrayBuilder deviceList = Json.createArrayBuilder();
        for (DeviceStore.Device d : devices.devices(clientId)) {
            JsonObjectBuilder device = Json.createObjectBuilder().add("deviceId", d.deviceId())
                    .add("updatedAt", d.updatedAt().toString());
            HostingSupport.of(d.capabilities()).ifPresent(h -> device.add("hosting", Json.createObjectBuilder()
                    .add("otelCollector", h.otelCollector())
                    .add("supportedRuntimes", Json.createArrayBuilder(h.supportedRuntimes()))
                    .add("supportedDeploymentTypes", Json.createArrayBuilder(h.supportedDeploymentTypes()))));
            deviceList.add(device.add("capabilities", parse(d.capabilities())));
        }
        Map<String, StatusStore.Stored> latest = statuses.latest(clientId).stream()
                .collect(Collectors.toMap(StatusStore.Stored::deploymentId, Function.identity()));
        JsonArrayBuilder deploymentList = Json.createArrayBuilder();
        for (DesiredStateStore.DeploymentRecord r : desiredState.deployments(clientId)) {
            deploymentList.add(deployment(r, latest.get(r.deploymentId())));
        }
        return client.add("devices", deviceList).add("deployments", deploymentList).build();
    }

    private static JsonObject deployment(DesiredStateStore.DeploymentRecord r, StatusStore.Stored status) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("deploymentId", r.deploymentId())
                .add("deviceId", r.deviceId())
                .add("name", r.name())
                .add("digest", r.digest().value())
                .add("components", Json.createArrayBuilder(r.componentNames()))
                .add("sinceVersion", Long.toUnsignedString(r.sinceVersion()));
        r.removedInVersion().ifPresent(v -> b.add("removedInVersion", Long.toUnsignedString(v)));
        if (status != null) {
            b.add("status", Json.createObjectBuilder()
                    .add("state", status.state().wire())
                    .add("adoptedManifestVersion", Long.toUnsignedString(status.adoptedManifestVersion()))
                    .add("receivedAt", status.receivedAt().toString())
                    .add("report", parse(status.json())));
        }
        return b.build();
    }

    private static JsonValue parse(byte[] json) {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(json))) {
            return reader.readValue();
        } catch (JsonException e) {
            return Json.createValue("(stored document is not valid JSON)");
        }
    }
}

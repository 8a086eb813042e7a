package org.openmargo.wfm.fleet;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.openmargo.wfm.catalogue.AppVersion;
import org.openmargo.wfm.catalogue.Catalogue;
import org.openmargo.wfm.catalogue.DeviceFacts;
import org.openmargo.wfm.catalogue.Placement;
import org.openmargo.wfm.catalogue.ProfileChoice;
import org.openmargo.wfm.catalogue.ResolvedParameters;
import org.openmargo.wfm.problem.FieldError;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/**
 * A catalogue for unit tests of the fleet logic: versions of one-component compose applications with one string
 * parameter {@code greeting} (default {@code hello}); a device whose capabilities carry the label
 * {@code placeable: "no"} is not placeable.
 */
final class TestCatalogue implements Catalogue {
    private final Set<AppVersion> versions = ConcurrentHashMap.newKeySet();

    void add(AppVersion app) {
        versions.add(app);
    }

    @Override
    public boolean exists(AppVersion app) {
        return versions.contains(app);
    }

    @Override
    public Optional<List<String>> profileIds(AppVersion app) {
        return exists(app) ? Optional.of(List.of("compose-1")) : Optional.empty();
    }

    @Override
    public ResolvedParameters resolve(AppVersion app, Map<String, JsonValue> supplied,
                                      Map<String, JsonValue> installedBefore) {
        if (!exists(app)) {
            throw new ProblemException(ProblemType.SEMANTIC_ERROR, "no such version");
        }
        Map<String, JsonValue> values = new HashMap<>();
        values.put("greeting", jakarta.json.Json.createValue("hello"));
        for (var e : supplied.entrySet()) {
            if (!e.getKey().equals("greeting") || !(e.getValue() instanceof JsonString)) {
                throw new ProblemException(ProblemType.SEMANTIC_ERROR, "bad parameter",
                        List.of(new FieldError("parameters." + e.getKey(), "unknown or not a string")));
            }
            values.put(e.getKey(), e.getValue());
        }
        return new ResolvedParameters(values);
    }

    @Override
    public Placement render(AppVersion app, ProfileChoice choice, ResolvedParameters parameters, DeviceFacts device,
                            UUID deploymentId, String namespace, String name) {
        if (device.capabilities().map(c -> new String(c, StandardCharsets.UTF_8).contains("\"placeable\":\"no\""))
                .orElse(true)) {
            return new Placement.NotPlaceable("the device says it is not placeable");
        }
        String yaml = """
                id: %s
                metadata:
                  name: %s
                  namespace: %s
                  deviceId: %s
                spec:
                  applicationId: %s
                  deploymentProfile:
                    type: compose
                    components:
                      - name: app
                        properties:
                          repository: oci://example.com/app
                          revision: %s
                  parameters:
                    greeting:
                      value: %s
                      targets:
                        - pointer: GREETING
                          components: [app]
                """.formatted(deploymentId, name, namespace, device.deviceId(), app.appId(), app.version(),
                ((JsonString) parameters.values().get("greeting")).getString());
        return new Placement.Placed("compose-1", yaml.getBytes(StandardCharsets.UTF_8));
    }
}

package org.openmargo.wfm.catalogue;

import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ApplicationDescription that passed every rule of Margo rc.3 f.2, as {@link DescriptionReader} read it.
 *
 * @param app        its {@code id} and {@code metadata.version}
 * @param name       {@code metadata.name}
 * @param profiles   {@code deploymentProfiles} in the description's order
 * @param parameters {@code parameters} in the description's order
 * @param settings   the {@code configuration} setting of each parameter that has one, by parameter name
 * @param tree       the whole document as read (unmodifiable), for showing it to operators
 */
record Description(AppVersion app, String name, List<Profile> profiles, Map<String, Parameter> parameters,
                   Map<String, Setting> settings, Map<String, Object> tree) {
    Description {
        profiles = List.copyOf(profiles);
        parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
        settings = Map.copyOf(settings);
    }

    /** The profile with this id. */
    Optional<Profile> profile(String id) {
        return profiles.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /**
     * One deployment profile.
     *
     * @param id                its {@code id}, unique in the description
     * @param type              {@code helm}, {@code compose} or {@code custom}
     * @param components        the {@code components} array as written (YAML tree), in order
     * @param componentNames    the component names in order
     * @param deviceConstraints {@code deviceConstraints} as written, when present
     * @param requiredResources the older {@code requiredResources} as written, when present
     * @param extensions        the profile's {@code x-…-extensions} (device-targeted), in order
     */
    record Profile(String id, String type, List<Object> components, List<String> componentNames,
                   Optional<Map<String, Object>> deviceConstraints, Optional<Map<String, Object>> requiredResources,
                   Map<String, Object> extensions) {
        Profile {
            components = List.copyOf(components);
            componentNames = List.copyOf(componentNames);
            extensions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extensions));
        }
    }

    /**
     * One parameter.
     *
     * @param name         its key in {@code parameters}
     * @param defaultValue its {@code value}, when the description gives one
     * @param targets      its {@code targets}, in order
     */
    record Parameter(String name, Optional<JsonValue> defaultValue, List<Target> targets) {
        Parameter {
            targets = List.copyOf(targets);
        }
    }

    /**
     * Where a parameter's value goes.
     *
     * @param pointer    a Helm values dot path or a Compose environment variable name
     * @param components the component names it applies to
     */
    record Target(String pointer, List<String> components) {
        Target {
            components = List.copyOf(components);
        }
    }

    /**
     * The {@code configuration.sections[].settings[]} entry of a parameter.
     *
     * @param parameter the parameter name
     * @param immutable whether the value may not change after the first install
     * @param schema    the rules its value must meet
     */
    record Setting(String parameter, boolean immutable, ValueSchema schema) {
    }
}

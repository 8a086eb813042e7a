package org.openmargo.packaging;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The Kubernetes manifests under {@code packaging/kubernetes}, in the order {@code kustomization.yaml} lists them,
 * read into the typed classes of the fabric8 Kubernetes model. Reading is strict: a document whose kind the model
 * does not know, or that holds a field its kind does not have (anywhere, however deep), is an error naming the file,
 * the document and the field path. The model keeps unknown fields in {@code additionalProperties} instead of
 * failing, so every object of the model is walked and those maps must be empty.
 */
final class Manifests {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final String MODEL = "io.fabric8.kubernetes.api.model";

    private Manifests() {
    }

    static List<HasMetadata> all() {
        Path dir = Layout.PACKAGING.resolve("kubernetes");
        List<HasMetadata> out = new ArrayList<>();
        for (String file : Layout.read(dir.resolve("kustomization.yaml")).lines()
                .dropWhile(l -> !l.startsWith("resources:")).skip(1).takeWhile(l -> l.startsWith("  - "))
                .map(l -> l.substring(4).strip()).toList()) {
            String[] documents = Layout.read(dir.resolve(file)).split("(?m)^---\\s*$");
            for (int i = 0; i < documents.length; i++) {
                if (documents[i].lines().anyMatch(l -> !l.isBlank() && !l.strip().startsWith("#"))) {
                    out.add(parse(documents[i], file + " document " + (i + 1)));
                }
            }
        }
        return out;
    }

    /** Reads one YAML document strictly; {@code where} names it in the error. */
    static HasMetadata parse(String yaml, String where) {
        Object parsed = SERIALIZATION.unmarshal(yaml);
        if (!(parsed instanceof HasMetadata resource) || parsed instanceof GenericKubernetesResource) {
            throw new AssertionError(where + ": not a kind of the Kubernetes model: "
                    + (parsed == null ? "nothing" : parsed.getClass().getName()));
        }
        List<String> unknown = new ArrayList<>();
        walk(resource, resource.getKind(), unknown);
        if (!unknown.isEmpty()) {
            throw new AssertionError(where + ": unknown fields " + unknown.stream().sorted().toList());
        }
        return resource;
    }

    private static void walk(Object value, String path, List<String> unknown) {
        switch (value) {
            case null -> { }
            case Collection<?> c -> {
                int i = 0;
                for (Object item : c) {
                    walk(item, path + "[" + i++ + "]", unknown);
                }
            }
            case Map<?, ?> m -> m.forEach((k, v) -> walk(v, path + "." + k, unknown));
            default -> {
                if (value.getClass().getName().startsWith(MODEL)) {
                    walkModel(value, path, unknown);
                }
            }
        }
    }

    private static void walkModel(Object value, String path, List<String> unknown) {
        for (Method getter : value.getClass().getMethods()) {
            String name = getter.getName();
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !(name.startsWith("get") || name.startsWith("is")) || name.equals("getClass")) {
                continue;
            }
            Object child = invoke(getter, value);
            if (name.equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(k -> unknown.add(path + "." + k));
                }
            } else {
                walk(child, path + "." + property(name), unknown);
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }

    private static String property(String getter) {
        String bare = getter.startsWith("is") ? getter.substring(2) : getter.substring(3);
        return bare.isEmpty() ? bare : Character.toLowerCase(bare.charAt(0)) + bare.substring(1);
    }
}

package org.openmargo.wfm.catalogue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Serialises a plain tree (maps in order, lists, strings, numbers, booleans, {@code null}) as block-style YAML, UTF-8,
 * two-space indentation, no line folding.
 *
 * <p>A string is written plain only when neither a YAML 1.1 reader nor a YAML 1.2 core-schema reader would take it
 * for anything else: {@code "yes"}, {@code "1e3"}, {@code "0x1F"}, {@code "null"} and {@code ""} are quoted, so every
 * device reads back the types written. Thread safe (a new dumper per call).
 */
final class YamlWriter {
    private YamlWriter() {
    }

    static byte[] write(Map<String, Object> tree) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setSplitLines(false);
        options.setWidth(Integer.MAX_VALUE);
        options.setAllowUnicode(true);
        options.setLineBreak(DumperOptions.LineBreak.UNIX);
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(options), options,
                new LoaderOptions(), new BothSchemas());
        return yaml.dump(copy(tree)).getBytes(StandardCharsets.UTF_8);
    }

    /** Copies into plain {@link LinkedHashMap}s and {@link ArrayList}s, which the representer writes untagged. */
    private static Object copy(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(copy(item)));
            return out;
        }
        return node;
    }

    /** SnakeYAML's YAML 1.1 resolvers plus the YAML 1.2 core schema's, for deciding which strings need quotes. */
    private static final class BothSchemas extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            super.addImplicitResolvers();
            addImplicitResolver(Tag.BOOL, Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF");
            addImplicitResolver(Tag.INT, Pattern.compile("^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
                    "-+0123456789");
            addImplicitResolver(Tag.FLOAT, Pattern.compile("^(?:[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?"
                    + "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN))$"), "-+0123456789.");
            addImplicitResolver(Tag.NULL, Pattern.compile("^(?:~|null|Null|NULL|)$"), "~nN\0");
        }
    }
}

package org.openmargo.wfm.desiredstate;

import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a hostile YAML document into a plain tree under fixed limits.
 *
 * <p>Accepted: one UTF-8 document (no byte order mark) whose root is a mapping; string keys; the YAML 1.2 core schema
 * for plain scalars ({@code true}/{@code false} but not {@code yes}/{@code on}, integers, finite floats,
 * {@code null}/{@code ~}); explicit tags only from that schema ({@code !!str}, {@code !!int}, {@code !!float},
 * {@code !!bool}, {@code !!null}, {@code !!map}, {@code !!seq}); a few aliases. SnakeYAML only scans and composes;
 * no constructor runs, so no Java object is ever instantiated from a tag, and merge keys ({@code <<}) are plain keys.
 *
 * <p>The tree holds {@link Map} (order kept), {@link List}, {@link String}, {@link BigInteger}, {@link BigDecimal},
 * {@link Boolean} and {@code null}. Every failure is a {@link ProblemException} of type
 * {@link ProblemType#INVALID_REQUEST}; parser exceptions never escape.
 */
public final class YamlBody {
    /** Largest document accepted, in bytes. */
    public static final int MAX_BYTES = 512 * 1024;
    /** Deepest nesting of mappings and sequences; the root mapping is depth 1. */
    static final int MAX_DEPTH = 32;
    /** Most aliases of mappings or sequences; a few are harmless, many are the "billion laughs" attack. */
    static final int MAX_ALIASES = 8;
    /** Most nodes in the tree after aliases are expanded. */
    static final int MAX_NODES = 50_000;
    /** Most entries in one mapping or sequence. */
    static final int MAX_COLLECTION_SIZE = 1024;
    /** Longest scalar, in UTF-16 code units. */
    static final int MAX_STRING_LENGTH = 8192;

    private static final Pattern INT = Pattern.compile("[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern BOOL = Pattern.compile("true|True|TRUE|false|False|FALSE");
    private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");

    private int nodes;

    private YamlBody() {
    }

    /**
     * Parses a document whose root must be a mapping.
     *
     * @throws ProblemException {@code INVALID_REQUEST} for anything that is not one such document within the limits
     */
    public static Map<String, Object> parseMapping(byte[] yaml) {
        if (yaml.length > MAX_BYTES) {
            throw invalid("the document is larger than " + MAX_BYTES + " bytes");
        }
        String text = utf8(yaml);
        if (text.startsWith("\uFEFF")) {
            throw invalid("the document starts with a byte order mark");
        }
        Node root;
        try {
            root = yaml().compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            throw invalid("the document is not valid YAML: " + shorten(e.getProblem()) + at(e.getProblemMark()));
        } catch (YAMLException e) {
            throw invalid("the document is not valid YAML: " + shorten(e.getMessage()));
        } catch (RuntimeException e) {
            throw invalid("the document is not valid YAML");
        }
        if (!(root instanceof MappingNode)) {
            throw invalid("the document must be a YAML mapping");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) new YamlBody().value(root, 1);
        return tree;
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_BYTES);
        options.setProcessComments(false);
        // The constructor is never asked to build objects: only compose() is called.
        DumperOptions dumper = new DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, new CoreSchema());
    }

    private Object value(Node node, int depth) {
        if (++nodes > MAX_NODES) {
            throw invalid("the document expands to more than " + MAX_NODES + " nodes");
        }
        if (depth > MAX_DEPTH) {
            // Also ends recursive aliases, which the composer allows outside keys.
            throw invalid("the document nests deeper than " + MAX_DEPTH + " levels");
        }
        return switch (node) {
            case MappingNode m -> mapping(m, depth);
            case SequenceNode s -> sequence(s, depth);
            case ScalarNode s -> scalar(s);
            default -> throw invalid("unsupported YAML node" + at(node.getStartMark()));
        };
    }

    private Map<String, Object> mapping(MappingNode node, int depth) {
        requireTag(node, Tag.MAP);
        if (node.getValue().size() > MAX_COLLECTION_SIZE) {
            throw invalid("a mapping has more than " + MAX_COLLECTION_SIZE + " entries" + at(node.getStartMark()));
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (NodeTuple entry : node.getValue()) {
            Node keyNode = entry.getKeyNode();
            if (!(keyNode instanceof ScalarNode key) || !Tag.STR.equals(key.getTag())) {
                throw invalid("mapping keys must be strings" + at(keyNode.getStartMark()));
            }
            String name = checked(key.getValue(), key);
            if (map.containsKey(name)) {
                throw invalid("duplicate key \"" + shorten(name) + "\"" + at(keyNode.getStartMark()));
            }
            map.put(name, value(entry.getValueNode(), depth + 1));
        }
        return Collections.unmodifiableMap(map);
    }

    private List<Object> sequence(SequenceNode node, int depth) {
        requireTag(node, Tag.SEQ);
        if (node.getValue().size() > MAX_COLLECTION_SIZE) {
            throw invalid("a sequence has more than " + MAX_COLLECTION_SIZE + " entries" + at(node.getStartMark()));
        }
        List<Object> list = new ArrayList<>();
        for (Node item : node.getValue()) {
            list.add(value(item, depth + 1));
        }
        return Collections.unmodifiableList(list);
    }

    private static Object scalar(ScalarNode node) {
        String text = checked(node.getValue(), node);
        Tag tag = node.getTag();
        if (Tag.STR.equals(tag)) {
            return text;
        }
        if (Tag.NULL.equals(tag) && NULL.matcher(text).matches()) {
            return null;
        }
        if (Tag.BOOL.equals(tag) && BOOL.matcher(text).matches()) {
            return Boolean.valueOf(text.toLowerCase(Locale.ROOT));
        }
        if (Tag.INT.equals(tag) && INT.matcher(text).matches()) {
            return text.startsWith("0o") ? new BigInteger(text.substring(2), 8)
                    : text.startsWith("0x") ? new BigInteger(text.substring(2), 16)
                    : new BigInteger(text);
        }
        if (Tag.FLOAT.equals(tag) && FLOAT.matcher(text).matches()) {
            return new BigDecimal(text.startsWith(".") || text.startsWith("-.") || text.startsWith("+.")
                    ? text.replaceFirst("\\.", "0.") : text);
        }
        throw invalid("the scalar is not a string, integer, finite float, boolean or null in the YAML 1.2 core "
                + "schema" + at(node.getStartMark()));
    }

    private static void requireTag(Node node, Tag expected) {
        if (!expected.equals(node.getTag())) {
            throw invalid("the tag " + shorten(node.getTag().getValue()) + " is not supported" + at(node.getStartMark()));
        }
    }

    private static String checked(String s, Node node) {
        if (s.length() > MAX_STRING_LENGTH) {
            throw invalid("a scalar is longer than " + MAX_STRING_LENGTH + " characters" + at(node.getStartMark()));
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (c == 0 || Character.isSurrogate(c)) {
                throw invalid("a scalar contains U+0000 or an unpaired surrogate" + at(node.getStartMark()));
            }
        }
        return s;
    }

    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw invalid("the document is not valid UTF-8");
        }
    }

    private static String at(Mark mark) {
        return mark == null ? "" : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")";
    }

    private static String shorten(String s) {
        String one = String.valueOf(s).replaceAll("\\s+", " ").strip();
        return one.length() <= 120 ? one : one.substring(0, 120) + "…";
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ProblemType.INVALID_REQUEST, detail);
    }

    /**
     * Resolves plain scalars by the YAML 1.2 core schema instead of SnakeYAML's YAML 1.1 rules, so that {@code on},
     * {@code yes}, {@code 2024-01-01} and {@code 1_000} stay strings and {@code <<} is no merge key.
     */
    private static final class CoreSchema extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, Pattern.compile("^(?:" + BOOL.pattern() + ")$"), "tTfF");
            addImplicitResolver(Tag.INT, Pattern.compile("^(?:" + INT.pattern() + ")$"), "-+0123456789");
            addImplicitResolver(Tag.FLOAT, Pattern.compile("^(?:" + FLOAT.pattern() + ")$"), "-+0123456789.");
            addImplicitResolver(Tag.NULL, Pattern.compile("^(?:~|null|Null|NULL)$"), "~nN");
            addImplicitResolver(Tag.NULL, Pattern.compile("^$"), null);
        }
    }
}

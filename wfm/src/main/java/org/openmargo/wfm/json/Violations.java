package org.openmargo.wfm.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.openmargo.wfm.problem.FieldError;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;

/**
 * Collects every rule a parsed document breaks, so that one 422 answer lists them all.
 *
 * <p>Works on the plain trees of {@link JsonBody} and of the YAML reader (maps, lists, strings, booleans, numbers).
 * Each check records a {@link FieldError} on failure and returns an empty {@link Optional}, so that callers can
 * chain checks without testing for errors after each step. Field paths are dotted ({@code properties.cpus[0].cores});
 * a member name that is not a plain identifier is written in brackets ({@code labels["example.com/gpu"]}).
 *
 * <p>Not thread safe: one instance per validation.
 */
public final class Violations {
    /** Names of vendor extension members allowed next to the schema's own (rc.3 {@code patternProperties}). */
    public static final Pattern EXTENSION_NAME = Pattern.compile("^x-[a-z][a-z0-9-]*-extensions$");

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$-]*");

    /**
     * Stands for an explicit {@code null} in {@link #member}; it fails every type check with the usual message.
     */
    private static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private final List<FieldError> errors = new ArrayList<>();

    /** Records a broken rule. */
    public void add(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    /** The errors found so far, in the order found. */
    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    /**
     * Throws when any rule was broken.
     *
     * @param what names the document, for example {@code "device capabilities"}
     * @throws ProblemException {@code SEMANTIC_ERROR} carrying all field errors
     */
    public void throwIfAny(String what) {
        if (!errors.isEmpty()) {
            String count = errors.size() == 1 ? "1 rule" : errors.size() + " rules";
            throw new ProblemException(ProblemType.SEMANTIC_ERROR, "the " + what + " break " + count, errors);
        }
    }

    /** The path of a member below {@code parent} (the root is the empty path). */
    public static String path(String parent, String member) {
        String step = PLAIN_NAME.matcher(member).matches()
                ? member
                : "[\"" + member.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
        if (parent.isEmpty()) {
            return step;
        }
        return step.startsWith("[") ? parent + step : parent + "." + step;
    }

    /** The path of an array element. */
    public static String path(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** The member's value when present (even when {@code null}); records "is required" when absent and required. */
    public Optional<Object> member(Map<String, Object> object, String parentPath, String name, boolean required) {
        if (object.containsKey(name)) {
            return Optional.of(object.get(name) == null ? NULL : object.get(name));
        }
        if (required) {
            add(path(parentPath, name), "is required");
        }
        return Optional.empty();
    }

    /** The value as an object (a map with string keys). */
    @SuppressWarnings("unchecked")
    public Optional<Map<String, Object>> object(Object value, String path) {
        if (value instanceof Map<?, ?> map) {
            return Optional.of((Map<String, Object>) map);
        }
        add(path, "must be an object");
        return Optional.empty();
    }

    /** The value as an array; records an error when it is not an array or is empty and {@code nonEmpty}. */
    @SuppressWarnings("unchecked")
    public Optional<List<Object>> array(Object value, String path, boolean nonEmpty) {
        if (!(value instanceof List<?> list)) {
            add(path, "must be an array");
            return Optional.empty();
        }
        if (nonEmpty && list.isEmpty()) {
            add(path, "must have at least one element");
            return Optional.empty();
        }
        return Optional.of((List<Object>) list);
    }

    /** The value as a string; no conversion from numbers or booleans. */
    public Optional<String> string(Object value, String path) {
        if (value instanceof String s) {
            return Optional.of(s);
        }
        add(path, "must be a string");
        return Optional.empty();
    }

    /** The value as a string with at least one non-blank character. */
    public Optional<String> nonBlank(Object value, String path) {
        Optional<String> s = string(value, path);
        if (s.isPresent() && s.get().isBlank()) {
            add(path, "must not be blank");
            return Optional.empty();
        }
        return s;
    }

    /** The value as a string matching {@code pattern}. */
    public Optional<String> matching(Object value, String path, Pattern pattern) {
        Optional<String> s = string(value, path);
        if (s.isPresent() && !pattern.matcher(s.get()).matches()) {
            add(path, "must match " + pattern.pattern());
            return Optional.empty();
        }
        return s;
    }

    /** The string when it has at most {@code max} characters; records an error otherwise. */
    public Optional<String> atMost(String value, String path, int max) {
        if (value.length() > max) {
            add(path, "must be at most " + max + " characters long");
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** The value as a string from a closed set, compared exactly (case-sensitive). */
    public Optional<String> oneOf(Object value, String path, List<String> allowed) {
        Optional<String> s = string(value, path);
        if (s.isPresent() && !allowed.contains(s.get())) {
            add(path, "must be one of " + allowed);
            return Optional.empty();
        }
        return s;
    }

    /** The value as a boolean; the strings {@code "true"} and {@code "false"} are not booleans. */
    public Optional<Boolean> bool(Object value, String path) {
        if (value instanceof Boolean b) {
            return Optional.of(b);
        }
        add(path, "must be a boolean");
        return Optional.empty();
    }

    /**
     * Enforces {@code additionalProperties: false}: each member must be one of {@code known}, one of
     * {@code ignored} (accepted for interoperability and not checked) or a vendor extension whose value is an object.
     */
    public void onlyKnownMembers(Map<String, Object> object, String path, Set<String> known, Set<String> ignored) {
        for (Map.Entry<String, Object> e : object.entrySet()) {
            String name = e.getKey();
            if (known.contains(name) || ignored.contains(name)) {
                continue;
            }
            if (EXTENSION_NAME.matcher(name).matches()) {
                if (!(e.getValue() instanceof Map<?, ?>)) {
                    add(path(path, name), "must be an object");
                }
            } else {
                add(path(path, name), "is not allowed here");
            }
        }
    }

}

package org.openmargo.wfm.audit;

import java.util.Locale;
import java.util.Objects;

/**
 * Which audit entries to list: each field is a case-insensitive part of the entry's {@code actor}, {@code action}
 * or {@code target}; an empty field matches every entry.
 *
 * @param actor  part of the actor's name
 * @param action part of the action
 * @param target part of the target
 */
public record AuditFilter(String actor, String action, String target) {
    /** Every entry. */
    public static final AuditFilter NONE = new AuditFilter("", "", "");

    public AuditFilter {
        actor = Objects.requireNonNull(actor).toLowerCase(Locale.ROOT);
        action = Objects.requireNonNull(action).toLowerCase(Locale.ROOT);
        target = Objects.requireNonNull(target).toLowerCase(Locale.ROOT);
    }

    /** A SQL {@code LIKE} pattern (escape character {@code !}) matching values that contain {@code part}. */
    public static String likePattern(String part) {
        return "%" + part.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
}

package org.openmargo.agent.observe;

import java.util.Locale;

/**
 * How one desired-state poll ended, the bounded label set of {@code openmargo_agent_polls_total{outcome}}. A poll is
 * one attempt of the poll step inside a polling window (capabilities report, then manifest request).
 */
public enum PollResult {
    /** A new manifest was verified and saved. */
    ACCEPTED,
    /** The WFM had nothing new (304, or the same manifest). */
    UNCHANGED,
    /** The WFM answered but the answer was refused (bad manifest, digest mismatch, 4xx). */
    REJECTED,
    /** No usable answer: connection or TLS failure, timeout, 5xx, throttled with {@code Retry-After}. */
    UNAVAILABLE,
    /** The answer was good but the agent could not save it (state directory full or unwritable). */
    ERROR;

    /** The lower-case label value, for example {@code unchanged}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

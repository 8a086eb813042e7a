package org.openmargo.agent.config;

/**
 * One resolved value and where it came from.
 *
 * @param key    the configuration key
 * @param value  the value, trimmed; empty when unset
 * @param origin {@code agent.conf:12}, {@code environment MARGO_AGENT_POLL_RATE}, or the file name for a default
 */
record Setting(String key, String value, String origin) {
    /** A problem with this setting: {@code origin: key: reason}. */
    String problem(String reason) {
        return origin + ": " + key + ": " + reason;
    }
}

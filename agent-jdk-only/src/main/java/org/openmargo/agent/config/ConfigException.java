package org.openmargo.agent.config;

import java.util.List;

/**
 * The configuration is unusable. Carries every problem found, not only the first; each names its source (file and
 * line, or the environment variable), the key and the reason, for example
 * {@code agent.conf:12: poll.rate: expected an ISO-8601 duration such as PT5M but got '5 minutes'}. The message is
 * the problems, one a line.
 */
public final class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems in file order, then environment and cross-key problems. */
    public List<String> problems() {
        return problems;
    }
}

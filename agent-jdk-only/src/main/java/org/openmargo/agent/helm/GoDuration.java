package org.openmargo.agent.helm;

import java.time.Duration;

/**
 * Formats a duration as Go's {@code time.Duration.String()} does for whole seconds ({@code 5m0s}, {@code 1h2m3s},
 * {@code 45s}), which is what Helm's {@code --timeout} parses. Fractions of a second round up, so Helm never gets less
 * time than asked.
 */
final class GoDuration {
    private GoDuration() {
    }

    static String format(Duration duration) {
        long seconds = duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0);
        if (seconds <= 0) {
            return "0s";
        }
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        if (hours > 0) {
            return hours + "h" + minutes + "m" + rest + "s";
        }
        return minutes > 0 ? minutes + "m" + rest + "s" : rest + "s";
    }
}

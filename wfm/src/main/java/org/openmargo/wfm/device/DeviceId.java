package org.openmargo.wfm.device;

import java.util.regex.Pattern;

/**
 * The one rule for a device id (rc.3 {@code DeviceId}: RFC 3986 unreserved segments separated by {@code /}), checked
 * wherever one enters the WFM: the capabilities path, a deployment's {@code metadata.deviceId}, a status report. The
 * spec sets no length; {@link #MAX_LENGTH} is this WFM's bound and the database columns holding device ids are sized
 * from it (migration V4), so an id that passes this check can always be stored.
 */
public final class DeviceId {
    /** Longest device id accepted, in characters, including the {@code /} separators. */
    public static final int MAX_LENGTH = 1024;
    /** rc.3 {@code DeviceId}. */
    public static final Pattern PATTERN = Pattern.compile("^[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*$");

    private DeviceId() {
    }

    /** Whether {@code text} matches {@link #PATTERN} within {@link #MAX_LENGTH} characters. */
    public static boolean isValid(String text) {
        return text != null && text.length() <= MAX_LENGTH && PATTERN.matcher(text).matches();
    }
}

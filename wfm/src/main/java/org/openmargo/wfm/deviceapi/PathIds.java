package org.openmargo.wfm.deviceapi;

import java.util.Optional;
import java.util.regex.Pattern;

import io.helidon.webserver.http.ServerRequest;
import org.openmargo.wfm.device.DeviceId;

/**
 * Extracts identifiers from the raw (not percent-decoded) request path. Working on the raw path keeps an encoded
 * {@code %2F} from turning into a hierarchy separator: identifiers only ever contain RFC 3986 unreserved characters,
 * so anything encoded simply fails the pattern.
 */
final class PathIds {
    /** A deployment id segment: unreserved characters only (the store holds UUIDs). */
    static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~-]{1,200}");

    private PathIds() {
    }

    /** The raw path after the given prefix, or empty when the path does not start with it. */
    static Optional<String> after(ServerRequest req, String prefix) {
        String raw = req.path().rawPath();
        return raw.startsWith(prefix) ? Optional.of(raw.substring(prefix.length())) : Optional.empty();
    }

    /** Whether the text is a valid rc.3 DeviceId with no {@code .} or {@code ..} segment. */
    static boolean isDeviceId(String text) {
        if (!DeviceId.isValid(text)) {
            return false;
        }
        for (String segment : text.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}

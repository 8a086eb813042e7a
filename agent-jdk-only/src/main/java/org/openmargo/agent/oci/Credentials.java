package org.openmargo.agent.oci;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A user name and password (or token) for one registry.
 *
 * @param username the user name, without {@code :}
 * @param password the password or personal access token
 */
public record Credentials(String username, String password) {
    public Credentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a user name cannot contain ':'");
        }
    }

    /** The {@code Authorization} value for HTTP Basic (RFC 7617). */
    String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=***]";
    }
}

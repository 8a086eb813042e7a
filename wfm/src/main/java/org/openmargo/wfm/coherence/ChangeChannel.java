package org.openmargo.wfm.coherence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The PostgreSQL notification channel on which the instances sharing one schema announce desired-state changes; the
 * payload of each notification is the wfm-client-id whose manifest changed.
 *
 * <p>Channels are database-wide, so the name is derived from the schema: instances on different schemas of one
 * database (tests, several trust domains) never hear each other. The name is {@code openmargo_ds_} followed by 24
 * hex digits of the SHA-256 of the schema name, short of PostgreSQL's 63-byte identifier limit for any schema name.
 *
 * @param name the channel name, to be quoted as an identifier in {@code LISTEN}
 */
public record ChangeChannel(String name) {
    private static final String PREFIX = "openmargo_ds_";

    public ChangeChannel {
        Objects.requireNonNull(name);
        if (!name.matches(PREFIX + "[0-9a-f]{24}")) {
            throw new IllegalArgumentException("not a change channel name: " + name);
        }
    }

    /** The channel of the instances working in {@code schema}. */
    public static ChangeChannel forSchema(String schema) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(schema.getBytes(StandardCharsets.UTF_8));
            return new ChangeChannel(PREFIX + HexFormat.of().formatHex(hash, 0, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }
}

package org.openmargo.wfm.identity;

/**
 * The one rule for a wfm-client-id (spec b.1), checked wherever one enters the WFM: a client SVID's SPIFFE ID, an
 * operator path, an enrollment token request, the identity service's issuing. The database columns holding client
 * ids are sized from {@link #MAX_LENGTH} (migration V4), so an id that passes this check can always be stored.
 */
public final class ClientId {
    /** Longest wfm-client-id accepted, in characters. */
    public static final int MAX_LENGTH = 200;
    /** The rule in words, for problem details. */
    public static final String RULE = "a wfm-client-id is 1-" + MAX_LENGTH
            + " RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~) and not '.' or '..'";

    private ClientId() {
    }

    /** Whether {@code text} is a SPIFFE path segment of at most {@link #MAX_LENGTH} characters. */
    public static boolean isValid(String text) {
        return text != null && text.length() <= MAX_LENGTH && SpiffeId.isSegment(text);
    }
}

package org.openmargo.wfm.identity;

import java.util.List;
import java.util.Optional;

/**
 * A parsed SPIFFE ID {@code spiffe://<trust-domain>/<path>}.
 *
 * <p>{@link #parse(String)} applies the SPIFFE ID rules: scheme exactly {@code spiffe}, a trust domain of lowercase
 * letters, digits, {@code .}, {@code -} and {@code _}, no userinfo, port, query or fragment, and a path of non-empty
 * segments that are not {@code .} or {@code ..}. Segment characters are the RFC 3986 unreserved set
 * {@code A-Z a-z 0-9 - . _ ~}: MIAF (spec b.1) allows {@code ~} in {@code wfm-id} and {@code wfm-client-id}, so a
 * verifier that refused it would refuse MIAF-valid identities. The whole ID is at most 2048 bytes.
 *
 * <p>Comparison is exact and case-sensitive (spec b.1), which is what record equality gives.
 *
 * @param trustDomain the trust domain name, lowercase
 * @param segments    the path segments; empty for a trust-domain ID
 */
public record SpiffeId(String trustDomain, List<String> segments) {
    private static final String SCHEME = "spiffe://";
    private static final int MAX_LENGTH = 2048;
    private static final int MAX_TRUST_DOMAIN_LENGTH = 255;

    public SpiffeId {
        segments = List.copyOf(segments);
        if (!isTrustDomain(trustDomain)) {
            throw new IllegalArgumentException("invalid trust domain '" + trustDomain + "'");
        }
        for (String segment : segments) {
            if (!isSegment(segment)) {
                throw new IllegalArgumentException("invalid path segment '" + segment + "'");
            }
        }
    }

    /**
     * Parses a SPIFFE ID.
     *
     * @throws IllegalArgumentException with a message naming the broken rule
     */
    public static SpiffeId parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("SPIFFE ID longer than " + MAX_LENGTH + " characters");
        }
        if (!text.startsWith(SCHEME)) {
            throw new IllegalArgumentException("SPIFFE ID must start with 'spiffe://'");
        }
        String rest = text.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String trustDomain = slash < 0 ? rest : rest.substring(0, slash);
        if (!isTrustDomain(trustDomain)) {
            throw new IllegalArgumentException("invalid trust domain '" + trustDomain
                    + "': only lowercase letters, digits, '.', '-' and '_' are allowed, and no port or userinfo");
        }
        if (slash < 0) {
            return new SpiffeId(trustDomain, List.of());
        }
        String[] parts = rest.substring(slash + 1).split("/", -1);
        for (String part : parts) {
            if (!isSegment(part)) {
                throw new IllegalArgumentException("invalid path segment '" + part
                        + "': segments are non-empty, not '.' or '..', and use only A-Z a-z 0-9 - . _ ~");
            }
        }
        return new SpiffeId(trustDomain, List.of(parts));
    }

    /**
     * Whether {@code text} is a valid segment: non-empty, only RFC 3986 unreserved characters, not {@code .} or
     * {@code ..} (spec b.1 segment rules).
     */
    public static boolean isSegment(String text) {
        if (text == null || text.isEmpty() || text.equals(".") || text.equals("..")) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code text} is a valid trust domain name: 1-255 of {@code a-z 0-9 . - _}. */
    public static boolean isTrustDomain(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_TRUST_DOMAIN_LENGTH) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The ID of a WFM: {@code spiffe://<td>/margo/wfm/<wfm-id>}. */
    public static SpiffeId wfm(String trustDomain, String wfmId) {
        return new SpiffeId(trustDomain, List.of("margo", "wfm", wfmId));
    }

    /** The ID of a WFM client: {@code spiffe://<td>/margo/wfm/<wfm-id>/client/<client-id>}. */
    public static SpiffeId client(String trustDomain, String wfmId, String clientId) {
        return new SpiffeId(trustDomain, List.of("margo", "wfm", wfmId, "client", clientId));
    }

    /**
     * The wfm-client-id when this ID has exactly the shape
     * {@code spiffe://<trustDomain>/margo/wfm/<wfmId>/client/<wfm-client-id>} (spec b.1, recognition by the WFM);
     * empty otherwise. Trust domain and wfm-id compare exactly.
     */
    public Optional<String> clientOf(String ownTrustDomain, String ownWfmId) {
        if (!trustDomain.equals(ownTrustDomain) || segments.size() != 5) {
            return Optional.empty();
        }
        boolean shape = segments.get(0).equals("margo") && segments.get(1).equals("wfm")
                && segments.get(2).equals(ownWfmId) && segments.get(3).equals("client");
        return shape ? Optional.of(segments.get(4)) : Optional.empty();
    }

    /** The canonical text form. */
    @Override
    public String toString() {
        return segments.isEmpty() ? SCHEME + trustDomain : SCHEME + trustDomain + "/" + String.join("/", segments);
    }
}

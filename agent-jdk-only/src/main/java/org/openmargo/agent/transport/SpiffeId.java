package org.openmargo.agent.transport;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A parsed SPIFFE ID as MIAF uses it (spec b.1): {@code spiffe://<trust-domain>/<segment>/...}. Only the parts the agent
 * needs are modelled; the path must be non-root and every segment is checked against the MIAF segment rules (non-empty,
 * RFC 3986 unreserved characters, not {@code .} or {@code ..}). Comparisons are exact and case-sensitive.
 *
 * @param trustDomain the trust domain (lower-case letters, digits, {@code . - _})
 * @param segments    the path segments, at least one
 */
record SpiffeId(String trustDomain, List<String> segments) {
    private static final Pattern TRUST_DOMAIN = Pattern.compile("[a-z0-9._-]{1,255}");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~-]+");
    private static final int URI_NAME = 6;

    SpiffeId {
        segments = List.copyOf(segments);
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming the rule the text breaks
     */
    static SpiffeId parse(String text) {
        if (!text.startsWith("spiffe://")) {
            throw new IllegalArgumentException("'" + text + "' is not a spiffe:// URI");
        }
        String rest = text.substring("spiffe://".length());
        int slash = rest.indexOf('/');
        if (slash < 0 || slash == rest.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' has a root path");
        }
        String trustDomain = rest.substring(0, slash);
        if (!TRUST_DOMAIN.matcher(trustDomain).matches()) {
            throw new IllegalArgumentException("'" + text + "' has an invalid trust domain '" + trustDomain + "'");
        }
        List<String> segments = List.of(rest.substring(slash + 1).split("/", -1));
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("'" + text + "' has an invalid path segment '" + segment + "'");
            }
        }
        return new SpiffeId(trustDomain, segments);
    }

    /**
     * The SPIFFE ID of a leaf: its only URI SAN (spec b.1 validation step 1).
     *
     * @throws IllegalArgumentException if there is not exactly one URI SAN, or it is not a valid SPIFFE ID
     */
    static SpiffeId of(X509Certificate leaf) {
        List<String> uris = uriSans(leaf);
        if (uris.size() != 1) {
            throw new IllegalArgumentException("expected exactly one URI SAN but found " + uris.size() + " " + uris);
        }
        return parse(uris.getFirst());
    }

    /** All URI subject alternative names of {@code certificate}, in order. */
    static List<String> uriSans(X509Certificate certificate) {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            throw new IllegalArgumentException("unreadable subjectAltName: " + e.getMessage(), e);
        }
        List<String> uris = new ArrayList<>();
        if (names != null) {
            for (List<?> name : names) {
                if (Integer.valueOf(URI_NAME).equals(name.get(0))) {
                    uris.add(String.valueOf(name.get(1)));
                }
            }
        }
        return uris;
    }

    @Override
    public String toString() {
        return "spiffe://" + trustDomain + "/" + String.join("/", segments);
    }
}

package org.openmargo.wfm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of malformed requests to the six device API endpoints: broken request lines and methods, odd
 * headers (Accept, If-None-Match, Content-Type, Content-Length, Transfer-Encoding, Expect, Connection, Host), chunked
 * framings, bodies and path ids. Each request is complete on the wire: it never declares more body than it sends, so
 * a server that waits for more is a server that hangs.
 */
final class MalformedRequests {
    static final String CAPS =
            "{\"properties\":{\"id\":\"d\",\"vendor\":\"v\",\"modelNumber\":\"m\",\"serialNumber\":\"s\"}}";
    static final String STATUS = "{\"deploymentId\":\"abc\",\"adoptedManifestVersion\":1,"
            + "\"status\":{\"state\":\"installed\"},\"components\":[{\"name\":\"a\",\"state\":\"installed\"}]}";
    private static final String DIGEST = "sha256:" + "0".repeat(64);
    private static final List<String> METHODS = List.of("GET", "PUT", "POST", "DELETE", "HEAD", "OPTIONS", "PATCH",
            "TRACE", "get", "GET\0", "GéT", "G(T", "", "PRI", "CONNECT", "X".repeat(300));
    private static final List<String> VERSIONS = List.of("HTTP/1.1", "HTTP/1.1", "HTTP/1.1", "HTTP/1.1", "HTTP/1.0",
            "HTTP/2.0", "HTTP/1.2", "HTTP/1", "http/1.1", "", "HTTP/1.1 extra", "HTTP/9.9");
    private static final List<String> ACCEPTS = List.of(";", ";;;", ",", "*/*;q=", "*/json", "a/b;q=2",
            "application/vnd.margo.manifest.v1+json;q=0", "application/*;q=0.001", "text/plain", "\"", "a/b;c=\"",
            "application/vnd.margo.manifest.v1+json;x=\"a,b\", */*;q=0.1", "*/*;q=0.0000", "/", "a/b c", "\t");
    private static final List<String> ETAGS = List.of("*", "\"\"", "W/", "W/\"x\"", "\"" + DIGEST + "\"", ",,,",
            "\"unterminated", "W/W/\"x\"", "x".repeat(5000), "\"a\", *, W/\"b\"");
    private static final List<String> TYPES = List.of("application/json", "application/json; charset=utf-8",
            "text/plain", ";", "application/", "/json", "application/problem+json", "application/json;;;",
            "application/x+json; a=\"", "*/*", "");
    private static final List<String> LENGTHS = List.of("-1", "+5", "0x10", "99999999999999999999", " 3", "1,1",
            "abc", "", "2147483648", "-0");
    private static final List<String> ENCODINGS = List.of("chunked", "gzip", "chunked, chunked", "identity",
            "gzip, chunked", "xchunked", "Chunked");
    private static final List<String> HEADER_LINES = List.of("Expect: 100-continue", "Expect: 200-ok",
            "Connection: close", "Connection: keep-alive, close", "Connection: Upgrade\r\nUpgrade: h2c",
            "Host: wfm:notaport", "Host: [::1", "Host: wfm\r\nHost: other", "X-Folded: a\r\n b", "NoColon",
            "Bad Name: x", ": empty", "X-Ctl: a\u0001b", "X-Long: " + "y".repeat(20_000), "Content-Encoding: gzip",
            "X-Nul: \0", "Transfer-Encoding: chunked\r\nContent-Length: 5");
    private static final List<String> CHUNK_SIZES = List.of("-1", "100000000", "zz", "7fffffff", "1a;foo=bar",
            "0x1", " 5", "5 ", "ffffffffffffffff", "");

    private final Random random;

    MalformedRequests(long seed) {
        this.random = new Random(seed);
    }

    /** The next malformed request, as bytes on the wire. */
    byte[] next() {
        int endpoint = random.nextInt(6);
        String method = switch (endpoint) {
            case 0 -> "PUT";
            case 1 -> "DELETE";
            case 3 -> "POST";
            default -> "GET";
        };
        String path = switch (endpoint) {
            case 0, 1 -> "/api/v1/capabilities/" + id(true);
            case 2 -> "/api/v1/deployments" + (random.nextInt(8) == 0 ? "?" + junk(20) : "");
            case 3 -> "/api/v1/deployments/" + id(false) + "/status";
            case 4 -> "/api/v1/deployments/" + id(false) + "/" + digest();
            default -> "/api/v1/bundles/" + digest();
        };
        if (random.nextInt(6) == 0) {
            method = pick(METHODS);
        }
        String version = random.nextInt(5) == 0 ? pick(VERSIONS) : "HTTP/1.1";
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(' ').append(version)
                .append("\r\n");
        if (random.nextInt(12) != 0) {
            head.append("Host: wfm\r\n");
        }
        headers(head, endpoint);
        byte[] body = body(endpoint);
        return frame(head, body);
    }

    private void headers(StringBuilder head, int endpoint) {
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            switch (random.nextInt(5)) {
                case 0 -> head.append("Accept: ").append(pick(ACCEPTS)).append("\r\n");
                case 1 -> head.append("If-None-Match: ").append(pick(ETAGS)).append("\r\n");
                case 2 -> head.append("Content-Type: ").append(pick(TYPES)).append("\r\n");
                default -> head.append(pick(HEADER_LINES)).append("\r\n");
            }
        }
        if ((endpoint == 0 || endpoint == 3) && random.nextBoolean()) {
            head.append("Content-Type: application/json\r\n");
        }
    }

    private byte[] body(int endpoint) {
        String valid = endpoint == 3 ? STATUS : CAPS;
        return switch (random.nextInt(8)) {
            case 0 -> new byte[0];
            case 1 -> valid.getBytes(StandardCharsets.UTF_8);
            case 2 -> valid.substring(0, random.nextInt(valid.length())).getBytes(StandardCharsets.UTF_8);
            case 3 -> randomBytes(random.nextInt(300));
            case 4 -> "[".repeat(random.nextInt(3000)).getBytes(StandardCharsets.UTF_8);
            case 5 -> valid.replace("\"d\"", random.nextBoolean() ? "1e999999" : "\"\\ud800\"")
                    .replace("installed", pick(List.of("", "INSTALLED", "\\u0000", "x".repeat(2000))))
                    .getBytes(StandardCharsets.UTF_8);
            case 6 -> ("{\"properties\":" + "{\"a\":".repeat(random.nextInt(200)) + "1")
                    .getBytes(StandardCharsets.UTF_8);
            default -> valid.replace("1", "-1").replace(":", random.nextBoolean() ? "::" : ":null,")
                    .getBytes(StandardCharsets.UTF_8);
        };
    }

    /** Frames the body with a Content-Length (possibly malformed or short), chunked encoding (possibly broken) or none. */
    private byte[] frame(StringBuilder head, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] content = body;
        switch (random.nextInt(6)) {
            case 0, 1 -> head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            case 2 -> head.append("Content-Length: ").append(pick(LENGTHS)).append("\r\n\r\n");
            case 3 -> {
                // declares less than it sends: the rest must never be taken for a request that gets a 5xx
                head.append("Content-Length: ").append(body.length / 2).append("\r\n\r\n");
            }
            case 4 -> {
                head.append("Transfer-Encoding: ").append(pick(ENCODINGS)).append("\r\n\r\n");
                content = chunked(body);
            }
            default -> head.append("\r\n");
        }
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        return out.toByteArray();
    }

    private byte[] chunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String size = random.nextInt(3) == 0 ? pick(CHUNK_SIZES) : Integer.toHexString(body.length);
        out.writeBytes((size + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        String end = switch (random.nextInt(4)) {
            case 0 -> "\r\n0\r\nX-Trailer: t\r\n\r\n";
            case 1 -> "\r\n0;ext=1\r\n\r\n";
            case 2 -> "XX0\r\n\r\n"; // something else than CRLF after the data
            default -> "\r\n0\r\n\r\n";
        };
        out.writeBytes(end.getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private String id(boolean deviceId) {
        return switch (random.nextInt(10)) {
            case 0 -> "";
            case 1 -> "a".repeat(1 + random.nextInt(1100));
            case 2 -> "%2F%00%ZZ";
            case 3 -> deviceId ? "gw/" + "b".repeat(random.nextInt(600)) : "..";
            case 4 -> "a;b=c";
            case 5 -> "é✓";
            case 6 -> "a//b";
            case 7 -> junk(1 + random.nextInt(40));
            default -> "dev-" + random.nextInt(50);
        };
    }

    private String digest() {
        return switch (random.nextInt(6)) {
            case 0 -> DIGEST;
            case 1 -> "sha256:" + "Z".repeat(64);
            case 2 -> "sha512:" + "0".repeat(128);
            case 3 -> "";
            case 4 -> "sha256:" + "0".repeat(random.nextInt(200));
            default -> junk(1 + random.nextInt(80));
        };
    }

    /** Printable ASCII that may not be allowed in a URI. */
    private String junk(int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            char c = (char) (33 + random.nextInt(94));
            s.append(c == ' ' ? '_' : c);
        }
        return s.toString();
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}

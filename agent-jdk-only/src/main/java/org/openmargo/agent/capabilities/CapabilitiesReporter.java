package org.openmargo.agent.capabilities;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;

import org.openmargo.agent.state.AtomicFile;
import org.openmargo.agent.transport.RetryHint;
import org.openmargo.agent.transport.WfmClient;
import org.openmargo.agent.transport.WfmRequest;
import org.openmargo.agent.transport.WfmResponse;

/**
 * Reports the device's capabilities with {@code PUT /api/v1/capabilities/{deviceId}} (spec a.2): on the first run and
 * whenever the document's bytes change. The digest of the last document the WFM accepted is kept in the state
 * directory, so a restart with an unchanged host does not report again. Not thread safe.
 */
public final class CapabilitiesReporter {
    private static final String SENT = "capabilities.sent";
    private final WfmClient client;
    private final String deviceId;
    private final Supplier<String> document;
    private final Path sentFile;
    private final Clock clock;

    /**
     * @param deviceId the device id ({@code device.id}), the path segment(s) of the PUT
     * @param document builds the current capabilities document (host facts are re-read on every call)
     * @param stateDir where the digest of the last accepted document is kept
     * @param clock    reads an HTTP-date {@code Retry-After}
     */
    public CapabilitiesReporter(WfmClient client, String deviceId, Supplier<String> document, Path stateDir,
                                Clock clock) {
        this.client = client;
        this.deviceId = deviceId;
        this.document = document;
        this.sentFile = stateDir.resolve(SENT);
        this.clock = clock;
    }

    /** What a report attempt did. */
    public sealed interface Result {
        /** The WFM already has this document. */
        record Unchanged() implements Result {
        }

        /** The WFM accepted it. */
        record Reported() implements Result {
        }

        /** A 4xx other than 429: the document or the device id is wrong, a configuration problem. */
        record Refused(int status) implements Result {
        }

        /** May pass on a retry; {@code hint} says when (spec g: a Retry-After must be honoured). */
        record Failed(RetryHint hint) implements Result {
        }
    }

    /**
     * Sends the document when it differs from the last accepted one.
     *
     * @return {@link Result.Refused} when the WFM answered 4xx other than 429, {@link Result.Failed} with the
     *         answer's retry hint for anything that may pass on a retry (no answer at all: a silent hint)
     */
    public Result reportIfChanged() throws InterruptedException {
        byte[] body = document.get().getBytes(StandardCharsets.UTF_8);
        String digest = sha256(body);
        if (digest.equals(lastSent())) {
            return new Result.Unchanged();
        }
        WfmResponse response;
        try {
            response = client.send(new WfmRequest("PUT", "/api/v1/capabilities/" + path(deviceId),
                    Map.of("Content-Type", "application/json"), body));
        } catch (IOException e) {
            return new Result.Failed(RetryHint.silent());
        }
        if (response.status() == 200 || response.status() == 201) {
            remember(digest);
            return new Result.Reported();
        }
        return response.status() >= 400 && response.status() < 500 && response.status() != 429
                ? new Result.Refused(response.status()) : new Result.Failed(RetryHint.of(response, clock));
    }

    /** Forgets what was sent, so the next call reports again (after the WFM lost it, or on request). */
    public void forget() throws IOException {
        Files.deleteIfExists(sentFile);
    }

    private String lastSent() {
        try {
            return Files.exists(sentFile) ? Files.readString(sentFile, StandardCharsets.US_ASCII).trim() : "";
        } catch (IOException e) {
            return "";
        }
    }

    private void remember(String digest) {
        try {
            AtomicFile.open(sentFile).write((digest + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // Losing this only means the next start reports the same document again.
        }
    }

    private static String path(String deviceId) {
        StringBuilder out = new StringBuilder();
        for (String segment : deviceId.split("/", -1)) {
            if (!out.isEmpty()) {
                out.append('/');
            }
            out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

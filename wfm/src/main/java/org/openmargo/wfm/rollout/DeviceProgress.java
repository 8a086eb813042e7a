package org.openmargo.wfm.rollout;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.openmargo.wfm.presence.Presence;

/**
 * Where one device of a rollout stands.
 *
 * @param clientId   the client
 * @param deviceId   the device
 * @param wave       its wave
 * @param state      its state, see {@link State}
 * @param stale      whether it has not polled for longer than the stale limit (or no poll of it is known, on any
 *                   instance: see {@link Presence})
 * @param lastPoll   when it last polled (any instance, as of the last presence flush)
 * @param lastError  the error message of its latest report for the target version, or why it is not placeable
 * @param reportedAt when its latest status report was stored
 */
public record DeviceProgress(String clientId, String deviceId, int wave, State state, boolean stale,
                             Optional<Instant> lastPoll, Optional<String> lastError, Optional<Instant> reportedAt) {

    /**
     * A device's states, in the order it passes them: {@code WAITING} for its wave; {@code PENDING} (its wave started
     * but its manifest does not carry the target version yet, or it has not fetched it); {@code DELIVERED} (it
     * fetched the manifest with the target version, no report yet); then the report's {@code INSTALLING},
     * {@code INSTALLED}, {@code FAILED} (or {@code REMOVING}/{@code REMOVED}); {@code NOT_PLACEABLE} when the target
     * version cannot be rendered for it; {@code EXCLUDED} by an operator; {@code LEFT} when it is no longer targeted
     * by the fleet deployment.
     */
    public enum State {
        WAITING, PENDING, DELIVERED, INSTALLING, INSTALLED, FAILED, REMOVING, REMOVED, NOT_PLACEABLE, EXCLUDED, LEFT;

        /** Whether the state counts against the error threshold. */
        boolean failure() {
            return this == FAILED || this == NOT_PLACEABLE;
        }
    }

    /**
     * Classifies one joined row.
     *
     * @param target     the rollout's target version
     * @param started    the rollout's current wave
     * @param staleAfter a device that has not polled for this long is stale
     */
    static DeviceProgress of(RolloutRows.DeviceRow row, String target, int started, Presence presence,
                             Duration staleAfter) {
        Optional<Presence.Poll> poll = presence.last(row.clientId());
        boolean stale = poll.map(p -> p.at().plus(staleAfter).isBefore(presence.now())).orElse(true);
        Optional<Instant> lastPoll = poll.map(Presence.Poll::at);
        Optional<RolloutRows.Status> report = row.status().filter(s -> row.sinceVersion().isPresent()
                && Long.compareUnsigned(s.adoptedVersion(), row.sinceVersion().get()) >= 0);
        State state = state(row, target, started, report, poll);
        Optional<String> error = state == State.NOT_PLACEABLE ? row.notPlaceable()
                : report.flatMap(s -> errorMessage(s.body()));
        return new DeviceProgress(row.clientId(), row.deviceId(), row.wave(), state, stale, lastPoll, error,
                report.map(RolloutRows.Status::receivedAt));
    }

    private static State state(RolloutRows.DeviceRow row, String target, int started,
                               Optional<RolloutRows.Status> report, Optional<Presence.Poll> poll) {
        if (row.excluded()) {
            return State.EXCLUDED;
        }
        if (row.memberVersion().isEmpty()) {
            return State.LEFT;
        }
        if (row.wave() > started) {
            return State.WAITING;
        }
        if (target.equals(Rollout.NONE)) {
            // Back to no version: done once the client's desired state no longer carries the deployment.
            return row.held() && row.appliedVersion().isEmpty() ? State.REMOVED : State.PENDING;
        }
        if (row.notPlaceable().isPresent() && row.memberVersion().get().equals(target)) {
            return State.NOT_PLACEABLE;
        }
        if (!row.appliedVersion().equals(Optional.of(target)) || row.sinceVersion().isEmpty()) {
            return State.PENDING;
        }
        if (report.isPresent()) {
            return switch (report.get().state()) {
                case "installed" -> State.INSTALLED;
                case "installing" -> State.INSTALLING;
                case "failed" -> State.FAILED;
                case "removing" -> State.REMOVING;
                case "removed" -> State.REMOVED;
                default -> State.DELIVERED; // "pending": the device has it and has not started
            };
        }
        boolean fetched = poll.map(p -> Long.compareUnsigned(p.manifestVersion(), row.sinceVersion().get()) >= 0)
                .orElse(false);
        return fetched ? State.DELIVERED : State.PENDING;
    }

    /** The first error message of a status report: the overall one, else the first component's. */
    static Optional<String> errorMessage(byte[] body) {
        try (JsonReader reader = Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8)))) {
            JsonObject root = reader.readObject();
            Optional<String> overall = message(root.get("status"));
            if (overall.isPresent()) {
                return overall;
            }
            if (root.get("components") instanceof jakarta.json.JsonArray components) {
                for (JsonValue c : components) {
                    Optional<String> m = message(c);
                    if (m.isPresent()) {
                        return m;
                    }
                }
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> message(JsonValue holder) {
        if (holder instanceof JsonObject o && o.get("error") instanceof JsonObject e) {
            String code = e.get("code") instanceof JsonString c ? c.getString() + ": " : "";
            if (e.get("message") instanceof JsonString m && !m.getString().isEmpty()) {
                return Optional.of(code + m.getString());
            }
            if (!code.isEmpty()) {
                return Optional.of(code.substring(0, code.length() - 2));
            }
        }
        return Optional.empty();
    }
}

package org.openmargo.wfm.identity;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The current trust bundle of this WFM, read from one file and re-read when its content changes (spec b.1, acceptance
 * and refresh).
 *
 * <ul>
 *     <li>The constructor reads the file and fails when it is not a valid bundle: the WFM does not start without
 *     trust anchors.</li>
 *     <li>{@link #reload()} re-reads the file. An unchanged file is a no-op. An accepted bundle <em>replaces</em> the
 *     anchors (never merges) and increments {@link Snapshot#generation()}.</li>
 *     <li>A bundle whose {@code spiffe_sequence} is lower than the highest seen, or that has no sequence once one
 *     was seen, is rejected as a rollback (WARN). An unreadable or invalid file is rejected (WARN). In both cases
 *     the last good bundle stays in use.</li>
 * </ul>
 * Thread safe: readers see an immutable {@link Snapshot} through a volatile field; reloads are serialised.
 */
final class TrustBundleSource {
    private static final Logger LOG = System.getLogger(TrustBundleSource.class.getName());

    private final Path file;
    private final Clock clock;
    private volatile Snapshot current;
    private volatile Instant confirmedAt;
    private long highestSequence = -1;
    private byte[] lastDigest = new byte[0];
    private String lastProblem = "";

    /**
     * A bundle together with the generation it was accepted in. Generations start at 1 and grow by one per accepted
     * reload, so a cache keyed by generation never serves a result computed against removed anchors.
     */
    record Snapshot(TrustBundle bundle, long generation) {
    }

    /**
     * @throws InvalidTrustBundleException when the file cannot be read or is not a valid bundle
     */
    TrustBundleSource(Path file) {
        this(file, Clock.systemUTC());
    }

    /**
     * @param clock the source of {@link #confirmedAt()}
     * @throws InvalidTrustBundleException when the file cannot be read or is not a valid bundle
     */
    TrustBundleSource(Path file, Clock clock) {
        this.file = Objects.requireNonNull(file);
        this.clock = Objects.requireNonNull(clock);
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidTrustBundleException(file, "cannot read: " + e);
        }
        TrustBundle bundle = TrustBundleParser.parse(file, content);
        bundle.sequence().ifPresent(s -> highestSequence = s);
        lastDigest = sha256(content);
        current = new Snapshot(bundle, 1);
        confirmedAt = clock.instant();
    }

    /**
     * When the file was last read successfully and found either unchanged or acceptable: the bundle in use is known
     * to be what the file says as of then. A file that stays unreadable or invalid leaves it behind.
     */
    Instant confirmedAt() {
        return confirmedAt;
    }

    /** The bundle in use. Never blocks. */
    Snapshot current() {
        return current;
    }

    /** The file this source reads. */
    Path file() {
        return file;
    }

    /**
     * Re-reads the file and installs it when it changed and is acceptable. Never throws for a bad file: it logs and
     * keeps the last good bundle.
     *
     * @return whether a new bundle was accepted
     */
    synchronized boolean reload() {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            warnOnce("cannot read trust bundle " + file + ", keeping the last good bundle: " + e);
            return false;
        }
        byte[] digest = sha256(content);
        if (Arrays.equals(digest, lastDigest)) {
            confirmedAt = clock.instant();
            return false;
        }
        try {
            TrustBundle bundle = TrustBundleParser.parse(file, content);
            checkSequence(bundle);
            bundle.sequence().ifPresent(s -> highestSequence = s);
            lastDigest = digest;
            lastProblem = "";
            current = new Snapshot(bundle, current.generation() + 1);
            confirmedAt = clock.instant();
            LOG.log(Level.INFO, "trust bundle {0} accepted: {1} anchor(s), sequence {2}, generation {3}",
                    file, bundle.anchors().size(), bundle.sequence(), current.generation());
            return true;
        } catch (InvalidTrustBundleException e) {
            warnOnce(e.getMessage() + "; keeping the last good bundle");
            return false;
        }
    }

    /**
     * Checks the file now and then every {@code interval}, by re-arming a one-shot task after each run (a failing
     * run never stops later ones). Runs until the executor shuts down.
     */
    void start(ScheduledExecutorService executor, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("bundle reload interval must be positive: " + interval);
        }
        executor.schedule(() -> tick(executor, interval), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick(ScheduledExecutorService executor, Duration interval) {
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "trust bundle reload of " + file + " failed", e);
        } finally {
            rearm(executor, () -> tick(executor, interval), interval);
        }
    }

    /** Schedules the next one-shot run unless the executor is shutting down. */
    static void rearm(ScheduledExecutorService executor, Runnable task, Duration interval) {
        try {
            executor.schedule(task, interval.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The executor shut down between runs: that is how the schedule stops.
        }
    }

    private void checkSequence(TrustBundle bundle) {
        // Rollback protection (spec b.1): track the highest spiffe_sequence seen and refuse anything lower.
        if (highestSequence < 0) {
            return;
        }
        if (bundle.sequence().isEmpty()) {
            throw new InvalidTrustBundleException(file, "has no spiffe_sequence but sequence " + highestSequence
                    + " was already accepted (rollback refused)");
        }
        long sequence = bundle.sequence().getAsLong();
        if (sequence < highestSequence) {
            throw new InvalidTrustBundleException(file, "spiffe_sequence " + sequence + " is lower than "
                    + highestSequence + " (rollback refused)");
        }
    }

    private void warnOnce(String message) {
        // A broken file is checked on every tick; say so once per distinct problem, not every few seconds.
        if (!message.equals(lastProblem)) {
            lastProblem = message;
            LOG.log(Level.WARNING, message);
        }
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }
}

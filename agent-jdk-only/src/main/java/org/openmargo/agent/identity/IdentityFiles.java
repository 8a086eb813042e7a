package org.openmargo.agent.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

import org.openmargo.agent.state.AtomicFile;
import org.openmargo.agent.transport.Svid;

/**
 * The agent's SVID on disk: the certificate chain file ({@code identity.certificate}) and its private key file
 * ({@code identity.private-key}), which must never be left as a mismatched pair by a crash.
 *
 * <p><b>Swap.</b> {@link #install} writes {@code <key>.next} (0600) and {@code <chain>.next} completely and durably
 * ({@link AtomicFile}), then renames the key over the key file, then the chain over the chain file. {@link #recover()}
 * (called by {@link #load()}) finishes or undoes a swap a crash interrupted: only {@code <key>.next} present means the
 * staging was cut short (it is deleted: the old pair is intact); {@code <chain>.next} present means the staging was
 * complete, so the remaining renames are done. The key is always renamed first, so whatever instant the process
 * dies at, recovery ends with either the old pair or the new pair.
 *
 * <p><b>Pending key.</b> The air-gapped flow ({@code agent csr}) keeps its new key as {@code <key>.pending} until
 * {@code agent import-svid} installs the chain the operator signed for it, so a device with a working SVID keeps it
 * until then. Recovery never touches the pending key.
 *
 * <p>Permissions: the key files are 0600; the chain is 0644 (it is public). Not thread safe; one process owns
 * these files (the running agent, or a command while the agent is stopped or between its passes).
 */
public final class IdentityFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

    /** The steps of a swap, in order, for tests that simulate a crash after each. */
    enum Step { KEY_STAGED, CHAIN_STAGED, KEY_RENAMED, CHAIN_RENAMED }

    /** Observes the steps of a swap; a test throws from it to stop there. */
    @FunctionalInterface
    interface StepHook {
        StepHook NONE = step -> { };

        void after(Step step);
    }

    private final Path chain;
    private final Path key;
    private final StepHook hook;

    IdentityFiles(Path chain, Path key, StepHook hook) {
        this.chain = chain.toAbsolutePath();
        this.key = key.toAbsolutePath();
        this.hook = hook;
    }

    /** The identity files at these paths (nothing is read or created yet). */
    public static IdentityFiles of(Path chain, Path key) {
        return new IdentityFiles(chain, key, StepHook.NONE);
    }

    public Path chain() {
        return chain;
    }

    public Path key() {
        return key;
    }

    /** Where {@code agent csr} keeps a new key until its chain is imported: {@code <key>.pending}. */
    public Path pendingKey() {
        return sibling(key, ".pending");
    }

    /**
     * Finishes or undoes an interrupted swap (see the class comment).
     *
     * @return what was done, for a log line; empty when there was nothing to do
     * @throws IOException if a rename or deletion fails
     */
    public Optional<String> recover() throws IOException {
        Path keyNext = sibling(key, ".next");
        Path chainNext = sibling(chain, ".next");
        if (Files.exists(chainNext)) {
            boolean keyStaged = Files.exists(keyNext);
            if (keyStaged) {
                AtomicFile.rename(keyNext, key);
            }
            AtomicFile.rename(chainNext, chain);
            return Optional.of("completed the interrupted installation of a new SVID in " + chain + " and " + key
                    + (keyStaged ? "" : " (the key was already in place)"));
        }
        if (Files.deleteIfExists(keyNext)) {
            return Optional.of("discarded the half-staged key " + keyNext + "; the previous SVID stays");
        }
        return Optional.empty();
    }

    /**
     * {@link #recover()}, then reads and checks the pair.
     *
     * @throws IOException as {@link Svid#load} does, naming the file
     */
    public Svid load() throws IOException {
        recover();
        return Svid.load(chain, key);
    }

    /** Whether both files exist. */
    public boolean exist() {
        return Files.exists(chain) && Files.exists(key);
    }

    /**
     * Installs a new key and its chain with the crash-safe swap. The caller has checked that they belong together.
     *
     * @throws IOException if a step fails; {@link #recover()} then restores a consistent pair
     */
    public void install(byte[] keyPem, byte[] chainPem) throws IOException {
        recover();
        Path keyNext = sibling(key, ".next");
        Path chainNext = sibling(chain, ".next");
        AtomicFile.open(keyNext).write(keyPem, OWNER_ONLY);
        hook.after(Step.KEY_STAGED);
        AtomicFile.open(chainNext).write(chainPem, PUBLIC);
        hook.after(Step.CHAIN_STAGED);
        AtomicFile.rename(keyNext, key);
        hook.after(Step.KEY_RENAMED);
        AtomicFile.rename(chainNext, chain);
        hook.after(Step.CHAIN_RENAMED);
    }

    /**
     * Replaces only the chain, for a chain issued for the key already in place.
     *
     * @throws IOException if the atomic write fails (the old chain then stays)
     */
    public void installChain(byte[] chainPem) throws IOException {
        recover();
        AtomicFile.open(chain).write(chainPem, PUBLIC);
    }

    /**
     * Writes {@code keyPem} as the pending key (0600), replacing an earlier pending key.
     *
     * @throws IOException if the atomic write fails
     */
    public void writePendingKey(byte[] keyPem) throws IOException {
        AtomicFile.open(pendingKey()).write(keyPem, OWNER_ONLY);
    }

    /**
     * Installs the pending key with {@code chainPem} (swap), then deletes the pending key.
     *
     * @throws IOException if the pending key cannot be read or a step fails
     */
    public void installPending(byte[] chainPem) throws IOException {
        install(Files.readAllBytes(pendingKey()), chainPem);
        AtomicFile.open(pendingKey()).delete();
    }

    /**
     * A digest of both files' current content, to notice that someone replaced them; empty if either is missing or
     * unreadable, or a swap is half done.
     */
    public Optional<String> stamp() {
        try {
            if (Files.exists(sibling(chain, ".next")) || Files.exists(sibling(key, ".next"))) {
                return Optional.empty();
            }
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(Files.readAllBytes(chain));
            digest.update((byte) 0);
            digest.update(Files.readAllBytes(key));
            return Optional.of(HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK offers no SHA-256", e);
        }
    }

    private static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    @Override
    public String toString() {
        return "IdentityFiles[" + chain + ", " + key + "]";
    }
}

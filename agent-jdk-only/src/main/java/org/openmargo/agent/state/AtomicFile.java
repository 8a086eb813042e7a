package org.openmargo.agent.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One file that is only ever replaced as a whole: a reader, or a process restarted after a kill at any instant, sees
 * either the previous content or the new content, never a mix or a torn write.
 *
 * <p>{@link #write(byte[])} writes a temp file {@code .<name>.<random>.tmp} in the same directory, forces it to the
 * device, re-reads and compares it, renames it over the target with {@code ATOMIC_MOVE}, then forces the directory so
 * the rename itself survives a power loss. Forcing a directory is not possible on every platform (Windows); there the
 * step is skipped. {@link #open(Path)} deletes temp files a killed writer left behind.
 *
 * <p>Thread safety: instances are safe for use by several threads (methods are synchronized), but the house rule is
 * one owner per file: two {@code AtomicFile} objects, or two processes, must not write the same path.
 */
public final class AtomicFile {
    private static final String TEMP_SUFFIX = ".tmp";

    private final Path target;
    private final WriteHook hook;

    private AtomicFile(Path target, WriteHook hook) {
        this.target = target.toAbsolutePath();
        this.hook = hook;
    }

    /**
     * Opens the file at {@code target}, creating its parent directories and deleting leftover temp files of this file.
     *
     * @throws IOException if the directory cannot be created or listed
     */
    public static AtomicFile open(Path target) throws IOException {
        return open(target, WriteHook.NONE);
    }

    static AtomicFile open(Path target, WriteHook hook) throws IOException {
        AtomicFile file = new AtomicFile(Objects.requireNonNull(target, "target"), Objects.requireNonNull(hook));
        file.cleanTemps();
        return file;
    }

    /** Returns the absolute path of the file. */
    public Path path() {
        return target;
    }

    /**
     * Returns the file's bytes, or empty if it does not exist.
     *
     * @throws IOException if the file exists but cannot be read
     */
    public synchronized Optional<byte[]> read() throws IOException {
        try {
            return Optional.of(Files.readAllBytes(target));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * Replaces the file's content with {@code bytes} atomically and durably. When this method returns normally the new
     * content is on the device; when it throws, the file holds either the old or the new content.
     *
     * @throws IOException if any step fails; a temp file may remain and is removed by the next {@link #open(Path)}
     */
    public synchronized void write(byte[] bytes) throws IOException {
        write(bytes, Optional.empty());
    }

    /**
     * As {@link #write(byte[])}, and the file gets exactly {@code permissions} (set on the temp file before any byte
     * is written, so the content is never readable by others, not even for an instant). On a file system without
     * POSIX permissions (Windows) the permissions are left to the directory's defaults.
     *
     * @throws IOException if any step fails, including setting the permissions
     */
    public synchronized void write(byte[] bytes, Set<PosixFilePermission> permissions) throws IOException {
        write(bytes, Optional.of(permissions));
    }

    private void write(byte[] bytes, Optional<Set<PosixFilePermission>> permissions) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", TEMP_SUFFIX);
        try {
            if (permissions.isPresent() && Files.getFileStore(temp).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(temp, permissions.get());
            }
            writeForced(temp, bytes);
            if (!Arrays.equals(Files.readAllBytes(temp), bytes)) {
                throw new IOException("re-read of " + temp + " differs from the bytes written");
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            hook.after(WriteHook.Step.MOVED, target);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        forceDirectory(target.getParent(), hook);
    }

    /**
     * Deletes the file if it exists and forces the directory.
     *
     * @return whether a file was deleted
     * @throws IOException if the deletion fails
     */
    public synchronized boolean delete() throws IOException {
        boolean deleted = Files.deleteIfExists(target);
        if (deleted) {
            hook.after(WriteHook.Step.DELETED, target);
            forceDirectory(target.getParent(), hook);
        }
        return deleted;
    }

    private void writeForced(Path temp, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            int half = bytes.length / 2;
            writeFully(channel, ByteBuffer.wrap(bytes, 0, half));
            hook.after(WriteHook.Step.TEMP_HALF_WRITTEN, temp);
            writeFully(channel, ByteBuffer.wrap(bytes, half, bytes.length - half));
            hook.after(WriteHook.Step.TEMP_WRITTEN, temp);
            channel.force(true);
            hook.after(WriteHook.Step.TEMP_FORCED, temp);
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /**
     * Renames {@code source} over {@code target} atomically ({@code ATOMIC_MOVE}, replacing it), then forces the
     * directory so the rename survives a power loss. Both must be in the same directory.
     *
     * @throws IOException if the rename or the force fails; then {@code target} is unchanged or replaced, never torn
     */
    public static void rename(Path source, Path target) throws IOException {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(target.toAbsolutePath().getParent(), WriteHook.NONE);
    }

    /** Forces a directory's entries to the device; a no-op where directories cannot be opened (Windows). */
    static void forceDirectory(Path directory, WriteHook hook) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            if (Files.isDirectory(directory) && isWindows()) {
                return;
            }
            throw e;
        }
        hook.after(WriteHook.Step.DIRECTORY_FORCED, directory);
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").startsWith("Windows");
    }

    private void cleanTemps() throws IOException {
        Files.createDirectories(target.getParent());
        cleanTemps(target.getParent(), Optional.of(target.getFileName().toString()));
    }

    /**
     * Deletes the temp files that interrupted writes of any file in {@code directory} left behind. Call it once at
     * start-up, before any writer of that directory runs.
     *
     * @throws IOException if the directory cannot be listed or a temp file cannot be deleted
     */
    public static void cleanAllTemps(Path directory) throws IOException {
        cleanTemps(directory, Optional.empty());
    }

    private static void cleanTemps(Path directory, Optional<String> owner) throws IOException {
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(directory, p -> isTemp(p, owner))) {
            for (Path temp : temps) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Whether {@code path} is {@code .<owner>.<digits>.tmp}, as {@link #write(byte[])} names its temp files. */
    private static boolean isTemp(Path path, Optional<String> owner) {
        String name = path.getFileName().toString();
        if (!name.startsWith(".") || !name.endsWith(TEMP_SUFFIX)) {
            return false;
        }
        String middle = name.substring(1, name.length() - TEMP_SUFFIX.length());
        int dot = middle.lastIndexOf('.');
        String random = middle.substring(dot + 1);
        return dot > 0 && !random.isEmpty() && random.chars().allMatch(Character::isDigit)
                && owner.map(middle.substring(0, dot)::equals).orElse(true);
    }
}

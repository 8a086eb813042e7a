package org.openmargo.agent.trust;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Replaces a file so that readers see the old or the new content, never a mix: write a temp file in the same
 * directory, force it to disk, re-read and validate it, then move it over the target atomically.
 */
final class AtomicFile {
    private AtomicFile() {
    }

    /**
     * Writes {@code bytes} to {@code target}.
     *
     * @param validate called with the bytes read back from the temp file; throws to abort (the target is untouched)
     * @throws IOException if writing, forcing or moving fails, or the read-back differs
     */
    static void write(Path target, byte[] bytes, Consumer<byte[]> validate) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            byte[] back = Files.readAllBytes(temp);
            if (!java.util.Arrays.equals(back, bytes)) {
                throw new IOException(temp + ": read back differs from what was written");
            }
            validate.accept(back);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}

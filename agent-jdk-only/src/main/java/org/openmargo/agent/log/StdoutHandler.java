package org.openmargo.agent.log;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;

/**
 * A {@code java.util.logging} handler that writes each record to standard output as one {@link LogLine} line, UTF-8,
 * flushed at once (a service manager or container runtime reads it as it comes). Named in the logging configuration:
 *
 * <pre>
 * handlers = org.openmargo.agent.log.StdoutHandler
 * org.openmargo.agent.log.StdoutHandler.level = INFO     # optional, default ALL (the loggers' levels decide)
 * </pre>
 * It writes to the process's file descriptor 1, not to {@code System.out}, and {@link #close()} only flushes: the
 * JDK closes every handler in its shutdown hook, and the agent may still log while it stops. Thread safe.
 */
public final class StdoutHandler extends Handler {
    private final FileOutputStream out = new FileOutputStream(FileDescriptor.out);

    /** Creates the handler with a {@link LogLine} formatter and the configured level (default ALL). */
    public StdoutHandler() {
        setFormatter(new LogLine());
        String level = LogManager.getLogManager().getProperty(StdoutHandler.class.getName() + ".level");
        setLevel(level == null ? Level.ALL : Level.parse(level.strip()));
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        try {
            out.write(getFormatter().format(record).getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            reportError("cannot write a log record to standard output", e, 1);
        }
    }

    @Override
    public void flush() {
        // Every record is written with one unbuffered write: nothing is held back.
    }

    @Override
    public void close() {
        flush();
    }
}

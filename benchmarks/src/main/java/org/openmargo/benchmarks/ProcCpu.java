package org.openmargo.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of a process from {@code /proc} (Linux), in milliseconds; clock ticks are 100 Hz on these machines. The one
 * reader of {@code /proc} for the load driver ({@code PollLoad}) and the fleet simulator.
 */
public final class ProcCpu {
    private static final long TICK_MILLIS = 10;

    private ProcCpu() {
    }

    /** utime + stime of the whole process (all its threads, finished ones included). */
    public static long total(long pid) throws IOException {
        return ticks(Files.readString(Path.of("/proc/" + pid + "/stat"))) * TICK_MILLIS;
    }

    /** utime + stime of the JVM's JIT compiler threads, to tell warm-up from steady-state cost. */
    public static long compiler(long pid) throws IOException {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                if (stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).contains("CompilerThre")) {
                    ticks += ticks(stat);
                }
            }
        }
        return ticks * TICK_MILLIS;
    }

    /** The three load averages of {@code /proc/loadavg}, or "?" when it cannot be read. */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static long ticks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}

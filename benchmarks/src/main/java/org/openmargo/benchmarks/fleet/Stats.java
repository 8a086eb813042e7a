package org.openmargo.benchmarks.fleet;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one measurement window saw: pass latencies (microseconds), counts by outcome and errors by kind. Thread safe.
 */
final class Stats {
    private long[] latencies = new long[1 << 16];
    private int size;
    private long[] lags = new long[1 << 16];
    private int lagSize;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    synchronized void latency(long micros, long lagMicros) {
        if (size == latencies.length) {
            latencies = Arrays.copyOf(latencies, size * 2);
        }
        latencies[size++] = micros;
        if (lagSize == lags.length) {
            lags = Arrays.copyOf(lags, lagSize * 2);
        }
        lags[lagSize++] = lagMicros;
    }

    void count(String what) {
        counts.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    void error(String kind) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    long count(String what, long fallback) {
        LongAdder a = counts.get(what);
        return a == null ? fallback : a.sum();
    }

    Map<String, Long> counts() {
        return snapshot(counts);
    }

    Map<String, Long> errors() {
        return snapshot(errors);
    }

    synchronized int passes() {
        return size;
    }

    /** Latency percentile in milliseconds ({@code p} in 0..1; 1 is the maximum). */
    synchronized double latencyMillis(double p) {
        return percentile(latencies, size, p) / 1000.0;
    }

    synchronized double lagMillis(double p) {
        return percentile(lags, lagSize, p) / 1000.0;
    }

    private static double percentile(long[] values, int n, double p) {
        if (n == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        int index = (int) Math.min(n - 1, Math.max(0, Math.ceil(p * n) - 1));
        return sorted[index];
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> map) {
        Map<String, Long> result = new TreeMap<>();
        map.forEach((k, v) -> result.put(k, v.sum()));
        return result;
    }
}

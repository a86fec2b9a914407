package dev.manifold.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Timings of one series, in milliseconds: min, median and p95 (nearest rank). A series with
 * failures keeps only the successful runs' times and counts the rest.
 */
record Latency(int runs, int failures, double min, double median, double p95) {
    static final Latency NONE = new Latency(0, 0, Double.NaN, Double.NaN, Double.NaN);

    static Latency of(List<Long> nanos, int failures) {
        if (nanos.isEmpty()) {
            return new Latency(0, failures, Double.NaN, Double.NaN, Double.NaN);
        }
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        int n = sorted.size();
        double median = n % 2 == 1 ? ms(sorted.get(n / 2)) : (ms(sorted.get(n / 2 - 1)) + ms(sorted.get(n / 2))) / 2;
        int p95 = Math.max(0, (int) Math.ceil(0.95 * n) - 1);
        return new Latency(n, failures, ms(sorted.getFirst()), median, ms(sorted.get(p95)));
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** Collects the times of one series. */
    static final class Recorder {
        private final List<Long> nanos = new ArrayList<>();
        private int failures;

        synchronized void ok(long elapsedNanos) {
            nanos.add(elapsedNanos);
        }

        synchronized void failed() {
            failures++;
        }

        synchronized Latency summary() {
            return of(nanos, failures);
        }
    }
}

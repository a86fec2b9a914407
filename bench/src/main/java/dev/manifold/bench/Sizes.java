package dev.manifold.bench;

import java.time.Duration;
import java.util.List;

/**
 * How much the benchmark runs: the full size for figures worth reporting, {@code --quick} for a
 * smoke run that only proves every part still works.
 *
 * @param runs         measured ADD/DEL pairs per series (after {@code warmup} unmeasured ones)
 * @param pause        the rest before each operation of a "rested" series
 * @param podCounts    pods per throughput run
 * @param concurrency  requests in flight per throughput run
 * @param cycles       ADD/DEL cycles of the memory run (sampled half-way and at the end)
 */
record Sizes(int runs, int warmup, Duration pause, List<Integer> podCounts, List<Integer> concurrency, int cycles) {
    static Sizes full() {
        return new Sizes(30, 5, Duration.ofMillis(250), List.of(20, 100), List.of(4, 16), 1000);
    }

    static Sizes quick() {
        return new Sizes(3, 1, Duration.ofMillis(50), List.of(6), List.of(3), 40);
    }

    Sizes withCycles(int count) {
        return new Sizes(runs, warmup, pause, podCounts, concurrency, count);
    }

    int maxPods() {
        return podCounts.stream().mapToInt(Integer::intValue).max().orElse(0);
    }
}

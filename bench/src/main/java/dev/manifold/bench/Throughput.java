package dev.manifold.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Many pods at once through the real shim processes: all ADDs with a fixed number in flight,
 * then all DELs, then what was left behind (IP allocations, attachment records, links in the
 * pods' namespaces).
 */
final class Throughput {
    record Result(int pods, int concurrency, long addNanos, int addFailures, long delNanos, int delFailures,
                  int ipsLeft, int recordsLeft, int linksLeft) {
        double addPodsPerSecond() {
            return pods / (addNanos / 1e9);
        }

        double delPodsPerSecond() {
            return pods / (delNanos / 1e9);
        }
    }

    private final ShimRunner shim;
    private final BenchNode node;
    private final Path journalDir;
    private final List<PodLatency.Pod> pods;
    private int serial;

    /** @param pods at least as many as the largest run, each with its own namespace */
    Throughput(ShimRunner shim, BenchNode node, Path journalDir, List<PodLatency.Pod> pods) {
        this.shim = shim;
        this.node = node;
        this.journalDir = journalDir;
        this.pods = List.copyOf(pods);
    }

    Result run(int count, int concurrency) {
        List<ShimRunner.Sandbox> sandboxes = new ArrayList<>();
        int round = serial++;
        for (int i = 0; i < count; i++) {
            PodLatency.Pod pod = pods.get(i);
            sandboxes.add(new ShimRunner.Sandbox("tp" + round + "x" + i, pod.netns(), pod.name(), pod.uid()));
        }
        int allocatedBefore = node.allocations();
        AtomicInteger addFailures = new AtomicInteger();
        long addNanos = all(sandboxes, concurrency, s -> shim.run("ADD", s, true), addFailures);
        AtomicInteger delFailures = new AtomicInteger();
        long delNanos = all(sandboxes, concurrency, s -> shim.run("DEL", s, true), delFailures);
        int links = 0;
        for (ShimRunner.Sandbox s : sandboxes) {
            links += BenchNode.linksIn(s.netns()).size();
        }
        return new Result(count, concurrency, addNanos, addFailures.get(), delNanos, delFailures.get(),
                node.allocations() - allocatedBefore, records(), links);
    }

    private static long all(List<ShimRunner.Sandbox> sandboxes, int concurrency,
                            Function<ShimRunner.Sandbox, Host.Exit> op, AtomicInteger failures) {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            long start = System.nanoTime();
            List<Future<Host.Exit>> done = new ArrayList<>();
            for (ShimRunner.Sandbox s : sandboxes) {
                done.add(pool.submit(() -> op.apply(s)));
            }
            for (Future<Host.Exit> f : done) {
                Host.Exit exit = f.get();
                if (!exit.ok()) {
                    failures.incrementAndGet();
                    System.err.println("throughput request failed: " + exit.stdout().trim());
                }
            }
            return System.nanoTime() - start;
        } catch (Exception e) {
            throw new IllegalStateException("throughput run: " + e, e);
        } finally {
            pool.shutdownNow();
        }
    }

    private int records() {
        if (!Files.isDirectory(journalDir)) {
            return 0;
        }
        try (var files = Files.list(journalDir)) {
            return (int) files.count();
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}

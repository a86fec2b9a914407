package dev.manifold.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemon's memory over many ADD/DEL cycles of pods with one secondary, four in flight, sent
 * by the shim's code inside this JVM (a shim process per request would only make the run
 * longer). Sampled idle, half-way and at the end: RSS and peak RSS as they are, then heap,
 * metaspace and RSS after a full GC.
 */
final class MemoryRun {
    private static final int IN_FLIGHT = 4;

    record Result(int cycles, int failures, DaemonUnderTest.Memory idle, DaemonUnderTest.Memory idleAfterGc,
                  DaemonUnderTest.Memory half, DaemonUnderTest.Memory halfAfterGc,
                  DaemonUnderTest.Memory end, DaemonUnderTest.Memory endAfterGc, String nativeMemory) {
    }

    private final ShimRunner shim;
    private final DaemonUnderTest daemon;
    private final Path jcmd;
    private final List<PodLatency.Pod> pods;

    /** @param pods {@value #IN_FLIGHT} pods, each with its own namespace */
    MemoryRun(ShimRunner shim, DaemonUnderTest daemon, Path jcmd, List<PodLatency.Pod> pods) {
        this.shim = shim;
        this.daemon = daemon;
        this.jcmd = jcmd;
        this.pods = List.copyOf(pods.subList(0, IN_FLIGHT));
    }

    /** @param idle, idleAfterGc sampled by the caller before the daemon served anything */
    Result run(int cycles, DaemonUnderTest.Memory idle, DaemonUnderTest.Memory idleAfterGc) {
        int half = cycles / 2;
        int failures = cycles(0, half);
        DaemonUnderTest.Memory halfRss = daemon.rss();
        DaemonUnderTest.Memory halfGc = daemon.afterGc(jcmd);
        failures += cycles(half, cycles - half);
        DaemonUnderTest.Memory endRss = daemon.rss();
        DaemonUnderTest.Memory endGc = daemon.afterGc(jcmd);
        return new Result(cycles, failures, idle, idleAfterGc, halfRss, halfGc, endRss, endGc, daemon.nativeMemory(jcmd));
    }

    private int cycles(int first, int count) {
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < IN_FLIGHT; w++) {
                PodLatency.Pod pod = pods.get(w);
                int worker = w;
                workers.add(pool.submit(() -> {
                    for (int i = first + worker; i < first + count; i += IN_FLIGHT) {
                        ShimRunner.Sandbox s = new ShimRunner.Sandbox("mem" + i, pod.netns(), pod.name(), pod.uid());
                        if (shim.inProcess("ADD", s, true) != 0) {
                            failures.incrementAndGet();
                        }
                        if (shim.inProcess("DEL", s, true) != 0) {
                            failures.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("memory run: " + e, e);
        } finally {
            pool.shutdownNow();
        }
        return failures.get();
    }
}

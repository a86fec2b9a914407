package dev.manifold.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.manifold.testkit.Netns;
import dev.manifold.testkit.NetnsTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 100 pods added at once, 16 at a time, through the real shim and daemon: every ADD succeeds (one
 * that does not must at least fail cleanly: a CNI error object with a documented code, nothing
 * attached), none hangs (no deadlock), everything is released by the DELs, and the daemon's peak
 * resident memory stays bounded. Prints the daemon's memory ("LOAD ...").
 */
@NetnsTest
class LoadEndToEndTest {
    private static final int PODS = 100;
    private static final int CONCURRENCY = 16;
    private static final Set<Integer> DOCUMENTED = Set.of(3, 4, 5, 6, 7, 8, 11);
    /**
     * A generous bound on the daemon's peak RSS: bin/manifold caps the heap at 128 MiB (-Xmx128m),
     * and the JVM's own memory (metaspace, C1 code cache, thread stacks, Jetty and Vert.x buffers)
     * comes on top. Growing past this means the heap cap is gone or something off-heap leaks.
     */
    private static final long MAX_PEAK_RSS_KIB = 400L * 1024;

    @Test
    void given100PodsAt16AtATime_whenAddedAndDeleted_thenEverySucceedsNothingLeaksAndMemoryIsBounded() throws Exception {
        try (Node node = new Node()) {
            node.nad("load", "data", node.bridgeConfig("data", "10.62.0.0/24"));
            List<Netns> namespaces = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
            try {
                for (int i = 0; i < PODS; i++) {
                    node.pod("load", "p" + i, "uid-" + i, Map.of("k8s.v1.cni.cncf.io/networks", "data"));
                    namespaces.add(Netns.create());
                }
                node.start();
                long start = System.nanoTime();
                List<ProcessResult> adds = runAll(pool, node, "ADD", namespaces);
                long addMillis = (System.nanoTime() - start) / 1_000_000;
                long pid = node.daemon().handle().pid();
                String memory = memory(pid);
                List<String> failed = new ArrayList<>();
                for (int i = 0; i < PODS; i++) {
                    ProcessResult r = adds.get(i);
                    if (r.exit() == 0) {
                        assertThat(namespaces.get(i).linkNames()).contains("eth0", "net1");
                    } else {
                        assertFailedCleanly(r, namespaces.get(i));
                        failed.add("p" + i + ": " + r);
                    }
                }
                System.out.println("LOAD " + PODS + " ADDs at concurrency " + CONCURRENCY + ": " + (PODS - failed.size())
                        + " ok, " + failed.size() + " failed cleanly, in " + addMillis + " ms; daemon " + memory);
                // Nothing here runs short: 16 requests at once stay within the daemon's admission
                // bound (32), and an ADD takes seconds at most even on a loaded 2-core machine,
                // against the shim's 5-minute response timeout. A failure is a bug, not load.
                assertThat(failed).as("ADDs that failed").isEmpty();

                List<ProcessResult> dels = runAll(pool, node, "DEL", namespaces);
                long peakKib = kib(pid, "VmHWM:");
                System.out.println("LOAD after " + PODS + " DELs: daemon " + memory(pid));
                assertThat(dels).allSatisfy(r -> assertThat(r.exit()).as(r.toString()).isZero());
                assertThat(namespaces).allSatisfy(ns -> assertThat(ns.linkNames()).containsExactly("lo"));
                assertThat(node.allocations()).isEmpty();
                assertThat(peakKib).as("the daemon's peak resident memory over the run, KiB (heap capped at 128 MiB by bin/manifold)")
                        .isLessThan(MAX_PEAK_RSS_KIB);
                assertThat(node.records()).isEmpty();
            } finally {
                pool.shutdownNow();
                namespaces.forEach(Netns::close);
            }
        }
    }

    /** Every pod's {@code command} through the shim, at most {@link #CONCURRENCY} at once; none may hang. */
    private static List<ProcessResult> runAll(ExecutorService pool, Node node, String command, List<Netns> namespaces)
            throws Exception {
        List<Future<ProcessResult>> runs = new ArrayList<>();
        for (int i = 0; i < PODS; i++) {
            int n = i;
            runs.add(pool.submit(() -> node.shim(command, "load" + n, namespaces.get(n).path(), "eth0", "load", "p" + n, "uid-" + n)));
        }
        List<ProcessResult> results = new ArrayList<>();
        for (Future<ProcessResult> f : runs) {
            results.add(f.get(15, TimeUnit.MINUTES));
        }
        return results;
    }

    private static void assertFailedCleanly(ProcessResult r, Netns netns) {
        JsonNode error = r.json();
        assertThat(DOCUMENTED).as(r.toString()).contains(error.path("code").asInt());
        assertThat(netns.linkNames()).as("a failed ADD left links: " + r).containsExactly("lo");
    }

    /** A {@code kB} field of /proc/<pid>/status, e.g. {@code VmHWM:}, the peak resident set. */
    private static long kib(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).strip().replace(" kB", ""));
            }
        }
        throw new AssertionError("no " + field + " in /proc/" + pid + "/status");
    }

    /** Resident and peak resident memory of a process, from /proc. */
    private static String memory(long pid) throws IOException {
        String rss = "?";
        String peak = "?";
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = line.substring(6).strip();
            } else if (line.startsWith("VmHWM:")) {
                peak = line.substring(6).strip();
            }
        }
        return "RSS " + rss + " (peak " + peak + ")";
    }
}

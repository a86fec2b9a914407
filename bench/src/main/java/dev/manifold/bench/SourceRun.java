package dev.manifold.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Everything measured against one daemon on one {@link PodSource}: pods and NADs are created,
 * the daemon starts and settles, then latency, throughput, the shim's round trip and memory are
 * measured, in that order.
 */
final class SourceRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SETTLE_MILLIS = 2_000;

    /** The parts of a run that can be left out ({@code --only}). */
    enum Part { LATENCY, THROUGHPUT, MEMORY }

    record Result(String source, List<PodLatency.Times> latency, List<Throughput.Result> throughput,
                  Latency statusRoundTrip, MemoryRun.Result memory, ApiCounts informerTraffic, String jvmOptions) {
    }

    private final Path home;
    private final BenchNode node;
    private final Sizes sizes;
    private final Map<String, String> launcherEnv;
    private final Path jcmd;
    private final Set<Part> parts;
    private final Path logs;

    /** @param logs where the daemons' logs go */
    SourceRun(Path home, BenchNode node, Sizes sizes, Map<String, String> launcherEnv, Path jcmd, Set<Part> parts, Path logs) {
        this.parts = Set.copyOf(parts);
        this.logs = logs;
        this.home = home;
        this.node = node;
        this.sizes = sizes;
        this.launcherEnv = Map.copyOf(launcherEnv);
        this.jcmd = jcmd;
    }

    Result run(PodSource source, String tag) {
        for (String name : BenchNode.SECONDARIES) {
            source.nad(BenchNode.NAMESPACE, name, node.secondaryConfig(name));
        }
        List<PodLatency.Pod> latencyPods = new ArrayList<>();
        for (int k = 0; k <= BenchNode.SECONDARIES.size(); k++) {
            latencyPods.add(pod(source, "k" + k, k));
        }
        List<PodLatency.Pod> loadPods = new ArrayList<>();
        for (int i = 0; i < Math.max(sizes.maxPods(), 4); i++) {
            loadPods.add(pod(source, "t" + i, 1));
        }
        source.publish();

        Path socketDir = node.dir.resolve("run-" + tag);
        Path cniDir = node.dir.resolve("cache-" + tag);
        Path config = node.dir.resolve("daemon-" + tag + ".json");
        BenchNode.write(config, daemonConfig(source, socketDir, cniDir).toPrettyString());
        ShimRunner shim = new ShimRunner(home, socketDir, launcherEnv);
        try (DaemonUnderTest daemon = DaemonUnderTest.start(home, config, socketDir.resolve("multus.sock"),
                logs.resolve("daemon-" + tag + ".log"), launcherEnv)) {
            settle();
            DaemonUnderTest.Memory idle = daemon.rss();
            DaemonUnderTest.Memory idleGc = daemon.afterGc(jcmd);
            ApiCounts informer = source.apiCounts().orElse(ApiCounts.ZERO);

            List<PodLatency.Times> latency = parts.contains(Part.LATENCY)
                    ? new PodLatency(shim, source, sizes, latencyPods).measure() : List.of();
            Throughput throughputRuns = new Throughput(shim, node, cniDir.resolve("attachments"), loadPods);
            List<Throughput.Result> throughput = new ArrayList<>();
            for (int pods : parts.contains(Part.THROUGHPUT) ? sizes.podCounts() : List.<Integer>of()) {
                for (int concurrency : sizes.concurrency()) {
                    throughput.add(throughputRuns.run(pods, concurrency));
                }
            }
            Latency roundTrip = parts.contains(Part.LATENCY) ? statusRoundTrips(shim) : Latency.NONE;
            MemoryRun.Result memory = new MemoryRun(shim, daemon, jcmd, loadPods)
                    .run(parts.contains(Part.MEMORY) ? sizes.cycles() : 0, idle, idleGc);
            return new Result(source.label(), latency, throughput, roundTrip, memory, informer, daemon.jvmOptions());
        }
    }

    private PodLatency.Pod pod(PodSource source, String name, int secondaries) {
        String uid = source.pod(BenchNode.NAMESPACE, name, BenchNode.networksAnnotation(secondaries));
        return new PodLatency.Pod(name, uid, node.netns());
    }

    private ObjectNode daemonConfig(PodSource source, Path socketDir, Path cniDir) {
        ObjectNode c = JSON.createObjectNode();
        c.put("socketDir", socketDir.toString());
        c.put("cniDir", cniDir.toString());
        c.put("binDir", node.plugins().toString());
        c.put("confDir", node.netd.toString());
        c.put("clusterNetwork", node.clusterNetworkFile().toString());
        c.put("namespaceIsolation", true);
        c.put("delegateTimeoutSeconds", 60);
        // parallelSecondaries is left out: each request's 00-multus.conf sets it (ShimRunner).
        source.configure(c);
        return c;
    }

    /** STATUS through the shim: a full round trip that runs no delegate (the cluster list is 1.0.0). */
    private Latency statusRoundTrips(ShimRunner shim) {
        Latency.Recorder times = new Latency.Recorder();
        for (int i = 0; i < sizes.warmup() + sizes.runs(); i++) {
            Host.Exit exit = shim.run("STATUS");
            if (i >= sizes.warmup()) {
                if (exit.ok()) {
                    times.ok(exit.nanos());
                } else {
                    times.failed();
                    System.err.println("STATUS failed: " + exit.stdout().trim());
                }
            }
        }
        return times.summary();
    }

    /** Informers sync, the JIT has its start-up burst behind it; nothing measured depends on more. */
    private static void settle() {
        try {
            TimeUnit.MILLISECONDS.sleep(SETTLE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

package dev.manifold.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The benchmark's findings as markdown: the machine, the delegates alone (the floor), pod ADD/DEL
 * latency and Manifold's overhead above the floor, throughput, API requests, the shim, the
 * daemon's memory, and each target met or not.
 */
final class Report {
    /** Where a run stands against the targets. */
    static final double MAX_OVERHEAD_MS = 30;
    static final double MIN_PODS_PER_SECOND = 15;
    static final double MAX_VERSION_MS = 30;
    static final double MAX_ROUND_TRIP_MS = 40;
    static final double MAX_RSS_MIB = 96;

    /** Everything one run measured. */
    record Findings(String date, Machine machine, String loadBefore, String loadAfter, boolean quick, Sizes sizes,
                    String daemonJavaOpts, List<RawDelegates.Times> raw, Latency shimVersion,
                    List<SourceRun.Result> sources) {
    }

    private final Findings f;
    private final StringBuilder md = new StringBuilder();
    private final Floors floors;

    private Report(Findings findings) {
        this.f = findings;
        this.floors = new Floors(findings.raw());
    }

    static String markdown(Findings findings) {
        return new Report(findings).write();
    }

    private String write() {
        header();
        delegates();
        latency();
        throughput();
        api();
        shim();
        memory();
        targets();
        return md.toString();
    }

    private void header() {
        line("# Manifold benchmark, " + f.date());
        line();
        line("- Machine: " + f.machine().cpus() + " CPUs (" + f.machine().cpuModel() + "), memory " + f.machine().memory()
                + ", kernel " + f.machine().kernel() + ", " + f.machine().jdk());
        boolean busy = Double.parseDouble(f.loadBefore().split(" ")[0]) >= 1.0;
        line("- Load average (1, 5, 15 min): " + f.loadBefore() + " before, " + f.loadAfter() + " after"
                + (busy ? " (**a busy machine: timings are pessimistic**)" : ""));
        line("- Size: " + (f.quick() ? "**--quick (smoke run, figures not meaningful)**" : "full") + "; "
                + f.sizes().runs() + " measured runs per series after " + f.sizes().warmup() + " warm-up runs; rested = "
                + f.sizes().pause().toMillis() + " ms pause before each operation");
        line("- Daemon: `bin/manifold daemon`, JVM options `" + f.daemonJavaOpts() + "`; shim: `bin/manifold-shim` after `--prepare-cache`");
        line("- Pods: cluster network = bridge + host-local on `eth0`; secondaries, in this order: macvlan (`lan`), "
                + "bridge (`data`), ptp (`link`), each with host-local. Times in ms.");
        line();
    }

    private void delegates() {
        if (f.raw().isEmpty()) {
            return;
        }
        line("## The delegates alone (the floor)");
        line();
        line("Each plugin ADDed and DELeted by itself with the config the daemon gives it, through the daemon's own "
                + "`DelegateInvoker`, from a warm JVM.");
        line();
        line("| network | plugin | pace | ADD min | ADD median | ADD p95 | DEL min | DEL median | DEL p95 |");
        line("|---|---|---|---:|---:|---:|---:|---:|---:|");
        for (RawDelegates.Times t : f.raw()) {
            line("| " + t.network() + " (" + t.ifName() + ") | " + t.type() + " | " + t.pace().label + " | "
                    + triple(t.add()) + " | " + triple(t.del()) + " |");
        }
        line();
    }

    private void latency() {
        line("## Pod ADD and DEL through the shim");
        line();
        line("Overhead = Manifold's median − the floor's. ADD floor: with `parallelSecondaries` on, cluster network + "
                + "slowest secondary (critical path); off, the sum of the delegates' medians. DEL (always in sequence): "
                + "the sum.");
        line();
        for (SourceRun.Result s : f.sources()) {
            line("### " + s.source());
            line();
            line("| secondaries | pace | parallel | ADD min | ADD median | ADD p95 | ADD floor | **ADD overhead** "
                    + "| DEL min | DEL median | DEL p95 | DEL floor | **DEL overhead** | failures |");
            line("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            for (PodLatency.Times t : s.latency()) {
                double addFloor = floors.add(t.secondaries(), t.pace(), t.parallel());
                double delFloor = floors.del(t.secondaries(), t.pace());
                line("| " + t.secondaries() + " | " + t.pace().label + " | " + (t.parallel() ? "on" : "off") + " | "
                        + triple(t.add()) + " | " + ms(addFloor) + " | **" + ms(t.add().median() - addFloor) + "** | "
                        + triple(t.del()) + " | " + ms(delFloor) + " | **" + ms(t.del().median() - delFloor) + "** | "
                        + (t.add().failures() + t.del().failures()) + " |");
            }
            line();
        }
    }

    private void throughput() {
        line("## Throughput");
        line();
        line("All ADDs with a fixed number in flight (each pod: cluster network + macvlan), then all DELs; then what "
                + "was left behind.");
        line();
        line("| source | pods | in flight | ADD wall (s) | ADD pods/s | DEL wall (s) | DEL pods/s | failures | IPs left "
                + "| records left | links left |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (SourceRun.Result s : f.sources()) {
            for (Throughput.Result t : s.throughput()) {
                line("| " + s.source() + " | " + t.pods() + " | " + t.concurrency() + " | " + fmt(t.addNanos() / 1e9, 2)
                        + " | " + fmt(t.addPodsPerSecond(), 1) + " | " + fmt(t.delNanos() / 1e9, 2) + " | "
                        + fmt(t.delPodsPerSecond(), 1) + " | " + (t.addFailures() + t.delFailures()) + " | " + t.ipsLeft()
                        + " | " + t.recordsLeft() + " | " + t.linksLeft() + " |");
            }
        }
        line();
    }

    private void api() {
        for (SourceRun.Result s : f.sources()) {
            List<PodLatency.Times> counted = s.latency().stream().filter(t -> t.perAdd().isPresent()).toList();
            if (counted.isEmpty()) {
                continue;
            }
            line("## Kubernetes API requests per operation (" + s.source() + ", counted at the server)");
            line();
            line("Rested series, steady state (pods and NADs already in the informer caches). Reads = GETs of one "
                    + "object; writes = the network-status patch; events are sent asynchronously.");
            line();
            line("| secondaries | parallel | ADD reads | ADD writes | ADD events | DEL reads | DEL writes | DEL events |");
            line("|---:|---|---:|---:|---:|---:|---:|---:|");
            for (PodLatency.Times t : counted) {
                int n = t.add().runs() + t.add().failures();
                ApiCounts a = t.perAdd().get();
                ApiCounts d = t.perDel().get();
                line("| " + t.secondaries() + " | " + (t.parallel() ? "on" : "off") + " | " + per(a.reads(), n) + " | "
                        + per(a.syncWrites(), n) + " | " + per(a.events(), n) + " | " + per(d.reads(), n) + " | "
                        + per(d.syncWrites(), n) + " | " + per(d.events(), n) + " |");
            }
            line();
            line("Informer start-up (lists and watches before the first request): " + s.informerTraffic().informer() + " requests.");
            line();
        }
    }

    private void shim() {
        line("## The shim");
        line();
        line("| `bin/manifold-shim` exec | min | median | p95 |");
        line("|---|---:|---:|---:|");
        line("| VERSION (answered by the shim) | " + triple(f.shimVersion()) + " |");
        for (SourceRun.Result s : f.sources()) {
            line("| STATUS round trip to the daemon (" + s.source() + ") | " + triple(s.statusRoundTrip()) + " |");
        }
        line();
    }

    private void memory() {
        line("## Daemon memory");
        line();
        line("ADD/DEL cycles of pods with one secondary, 4 in flight. \"as is\": `/proc/<pid>/status` (VmRSS, VmHWM, "
                + "Threads); \"after GC\": after `jcmd <pid> GC.run`, heap and metaspace from `GC.heap_info`. MiB.");
        line();
        line("| source | moment | RSS | peak RSS | heap used | heap committed | metaspace | threads |");
        line("|---|---|---:|---:|---:|---:|---:|---:|");
        for (SourceRun.Result s : f.sources()) {
            MemoryRun.Result m = s.memory();
            memoryRow(s.source(), "idle, as is", m.idle());
            memoryRow(s.source(), "idle, after GC", m.idleAfterGc());
            if (m.cycles() == 0) {
                continue;
            }
            memoryRow(s.source(), "after " + m.cycles() / 2 + " cycles, as is", m.half());
            memoryRow(s.source(), "after " + m.cycles() / 2 + " cycles, after GC", m.halfAfterGc());
            memoryRow(s.source(), "after " + m.cycles() + " cycles, as is", m.end());
            memoryRow(s.source(), "after " + m.cycles() + " cycles, after GC", m.endAfterGc());
            if (m.failures() > 0) {
                line("| " + s.source() + " | **" + m.failures() + " failed requests during the cycles** | | | | | | |");
            }
        }
        line();
        for (SourceRun.Result s : f.sources()) {
            if (!s.memory().nativeMemory().isEmpty()) {
                line("<details><summary>Native memory of the daemon at the end (" + s.source() + ")</summary>");
                line();
                line("```");
                md.append(s.memory().nativeMemory().strip()).append('\n');
                line("```");
                line("</details>");
                line();
            }
        }
    }

    private void memoryRow(String source, String moment, DaemonUnderTest.Memory m) {
        line("| " + source + " | " + moment + " | " + mib(m.rss()) + " | " + mib(m.hwm()) + " | " + mib(m.heapUsed()) + " | "
                + mib(m.heapCommitted()) + " | " + mib(m.metaspace()) + " | " + m.threads() + " |");
    }

    private void targets() {
        line("## Against the targets");
        line();
        line("| target | measured | met |");
        line("|---|---|---|");
        for (SourceRun.Result s : f.sources()) {
            overheadTargets(s);
            throughputTarget(s);
            apiTargets(s);
            memoryTargets(s);
        }
        line("| shim VERSION median ≤ " + fmt(MAX_VERSION_MS, 0) + " ms | " + ms(f.shimVersion().median()) + " ms | "
                + verdict(f.shimVersion().median() <= MAX_VERSION_MS) + " |");
        for (SourceRun.Result s : f.sources()) {
            if (s.statusRoundTrip().runs() == 0) {
                continue;
            }
            line("| shim round trip median ≤ " + fmt(MAX_ROUND_TRIP_MS, 0) + " ms (" + s.source() + ") | "
                    + ms(s.statusRoundTrip().median()) + " ms | " + verdict(s.statusRoundTrip().median() <= MAX_ROUND_TRIP_MS) + " |");
        }
        line();
    }

    private void overheadTargets(SourceRun.Result s) {
        if (s.latency().isEmpty()) {
            return;
        }
        double worstAdd = Double.NEGATIVE_INFINITY;
        double worstDel = Double.NEGATIVE_INFINITY;
        for (PodLatency.Times t : s.latency()) {
            if (t.parallel()) {
                worstAdd = Math.max(worstAdd, t.add().median() - floors.add(t.secondaries(), t.pace(), true));
                worstDel = Math.max(worstDel, t.del().median() - floors.del(t.secondaries(), t.pace()));
            }
        }
        line("| ADD overhead median ≤ " + fmt(MAX_OVERHEAD_MS, 0) + " ms above cluster + slowest secondary, k = 0..3, "
                + "both paces (" + s.source() + ") | worst " + ms(worstAdd) + " ms | " + verdict(worstAdd <= MAX_OVERHEAD_MS) + " |");
        line("| DEL overhead median ≤ " + fmt(MAX_OVERHEAD_MS, 0) + " ms above the sum of the DELs (" + s.source() + ") | worst "
                + ms(worstDel) + " ms | " + verdict(worstDel <= MAX_OVERHEAD_MS) + " |");
        Optional<PodLatency.Times> on = find(s, 3, true);
        Optional<PodLatency.Times> off = find(s, 3, false);
        if (on.isPresent() && off.isPresent()) {
            line("| k = 3 rested ADD: parallelSecondaries on vs off (" + s.source() + ") | " + ms(on.get().add().median())
                    + " vs " + ms(off.get().add().median()) + " ms | " + verdict(on.get().add().median() < off.get().add().median()) + " |");
        }
    }

    private void throughputTarget(SourceRun.Result s) {
        s.throughput().stream().max(java.util.Comparator.comparingInt((Throughput.Result t) -> t.pods())
                        .thenComparingInt(Throughput.Result::concurrency))
                .ifPresent(t -> {
                    boolean clean = t.addFailures() + t.delFailures() == 0 && t.ipsLeft() == 0 && t.recordsLeft() == 0
                            && t.linksLeft() == 0;
                    line("| " + t.pods() + " pods at " + t.concurrency() + " in flight: ≥ " + fmt(MIN_PODS_PER_SECOND, 0)
                            + " pods/s, no failure, no leak (" + s.source() + ") | " + fmt(t.addPodsPerSecond(), 1) + " pods/s, "
                            + (clean ? "clean" : "failures or leaks") + " | "
                            + verdict(clean && t.addPodsPerSecond() >= MIN_PODS_PER_SECOND) + " |");
                });
    }

    private void apiTargets(SourceRun.Result s) {
        List<PodLatency.Times> counted = s.latency().stream().filter(t -> t.perAdd().isPresent()).toList();
        if (counted.isEmpty()) {
            return;
        }
        ApiCounts add = counted.stream().map(t -> t.perAdd().get()).reduce(ApiCounts.ZERO, ApiCounts::plus);
        ApiCounts del = counted.stream().map(t -> t.perDel().get()).reduce(ApiCounts.ZERO, ApiCounts::plus);
        int n = counted.stream().mapToInt(t -> t.add().runs() + t.add().failures()).sum();
        line("| API per ADD: 0 reads, 1 synchronous write (" + s.source() + ") | " + per(add.reads(), n) + " reads, "
                + per(add.syncWrites(), n) + " writes | " + verdict(add.reads() == 0 && add.syncWrites() == n) + " |");
        line("| API per DEL: 0 reads, 1 write (" + s.source() + ") | " + per(del.reads(), n) + " reads, "
                + per(del.syncWrites(), n) + " writes | " + verdict(del.reads() == 0 && del.syncWrites() == n) + " |");
    }

    private void memoryTargets(SourceRun.Result s) {
        MemoryRun.Result m = s.memory();
        if (m.cycles() == 0) {
            return;
        }
        line("| RSS ≤ " + fmt(MAX_RSS_MIB, 0) + " MiB after " + m.cycles() + " cycles (" + s.source() + ") | "
                + mib(m.end().rss()) + " MiB (peak " + mib(m.end().hwm()) + ") | " + verdict(m.end().rss() / 1024.0 <= MAX_RSS_MIB) + " |");
        long heapGrowth = m.endAfterGc().heapUsed() - m.halfAfterGc().heapUsed();
        long rssGrowth = m.endAfterGc().rss() - m.halfAfterGc().rss();
        line("| no growth from cycle " + m.cycles() / 2 + " to " + m.cycles() + " (" + s.source() + ") | heap after GC "
                + signedMib(heapGrowth) + " MiB, RSS " + signedMib(rssGrowth) + " MiB, threads " + m.halfAfterGc().threads()
                + " → " + m.endAfterGc().threads() + " | " + verdict(heapGrowth <= 1024 && rssGrowth <= 2048) + " |");
    }

    private static Optional<PodLatency.Times> find(SourceRun.Result s, int k, boolean parallel) {
        return s.latency().stream().filter(t -> t.secondaries() == k && t.pace() == Pace.RESTED && t.parallel() == parallel)
                .findFirst();
    }

    /** Floors from the delegates' medians at the same pace. */
    private record Floors(List<RawDelegates.Times> raw) {
        double add(int k, Pace pace, boolean parallel) {
            List<Double> medians = medians(pace, true);
            double cluster = medians.getFirst();
            List<Double> secondaries = medians.subList(1, 1 + k);
            return cluster + (parallel ? secondaries.stream().mapToDouble(d -> d).max().orElse(0)
                    : secondaries.stream().mapToDouble(d -> d).sum());
        }

        double del(int k, Pace pace) {
            return medians(pace, false).subList(0, 1 + k).stream().mapToDouble(d -> d).sum();
        }

        private List<Double> medians(Pace pace, boolean add) {
            return raw.stream().filter(t -> t.pace() == pace).map(t -> add ? t.add().median() : t.del().median()).toList();
        }
    }

    private static String triple(Latency l) {
        return ms(l.min()) + " | " + ms(l.median()) + " | " + ms(l.p95());
    }

    private static String per(long total, int ops) {
        return ops == 0 ? "-" : fmt((double) total / ops, 2);
    }

    private static String ms(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "-" : fmt(v, 1);
    }

    private static String mib(long kib) {
        return kib < 0 ? "-" : fmt(kib / 1024.0, 1);
    }

    private static String signedMib(long kib) {
        return (kib >= 0 ? "+" : "") + fmt(kib / 1024.0, 1);
    }

    private static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String verdict(boolean met) {
        return met ? "yes" : "**no**";
    }

    private void line(String s) {
        md.append(s).append('\n');
    }

    private void line() {
        md.append('\n');
    }
}

package dev.manifold.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code manifold bench}: measures what Manifold adds on top of the delegates, with the real
 * shim and daemon processes and the real plugins in real network namespaces, on the standalone
 * store and on a Kubernetes API (fabric8's mock server, in this process). Prints a markdown report
 * and writes it to {@code <out>/<date>.md}. Needs root. Cleans up after itself, also on Ctrl-C.
 */
@Command(name = "manifold bench", mixinStandardHelpOptions = true,
        description = "Benchmark the shim, the daemon and the delegates (root; writes bench-results/<date>.md).")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "a smoke run: every part, few repetitions (figures not meaningful)")
    boolean quick;

    @Option(names = "--out", description = "folder for the report (default: <home>/bench-results)")
    Path out;

    @Option(names = "--home", description = "Manifold checkout (default: from the launcher)")
    Path home;

    @Option(names = "--plugins", description = "CNI plugin directory (default: ${DEFAULT-VALUE})", defaultValue = "/usr/lib/cni")
    Path plugins;

    @Option(names = "--source", description = "standalone, kubernetes or both (default: ${DEFAULT-VALUE})", defaultValue = "both")
    String sources;

    @Option(names = "--daemon-java-opts", description = "JVM options for the daemon (default: bin/manifold's)")
    String daemonJavaOpts;

    @Option(names = "--only", split = ",", description = "parts to run: latency, throughput, memory (default: all)")
    java.util.Set<SourceRun.Part> parts = java.util.EnumSet.allOf(SourceRun.Part.class);

    @Option(names = "--logs", description = "keep the daemons' logs in this folder (default: removed with the rest)")
    Path logs;

    @Option(names = "--cycles", description = "ADD/DEL cycles of the memory run (default: 1000, --quick 40)")
    Integer cycles;

    /** Kept so the level holds: java.util.logging holds its loggers weakly. */
    private final java.util.logging.Logger mockServerLog = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path root = home != null ? home : Path.of(System.getProperty("manifold.home", "."));
        if (!Files.isExecutable(root.resolve("bin/manifold-shim")) || !Files.isDirectory(plugins)) {
            System.err.println("manifold bench: needs bin/manifold-shim under " + root.toAbsolutePath() + " and plugins in " + plugins);
            return 2;
        }
        if (!"0".equals(Host.run("id", "-u").trim())) {
            System.err.println("manifold bench: run as root (it creates network namespaces and links)");
            return 2;
        }
        mockServerLog.setLevel(java.util.logging.Level.WARNING);
        Sizes sizes = quick ? Sizes.quick() : Sizes.full();
        if (cycles != null) {
            sizes = sizes.withCycles(cycles);
        }
        String loadBefore = Machine.loadAverage();
        Map<String, String> env = launcherEnv();
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        BenchNode node = new BenchNode(plugins);
        Thread cleanup = new Thread(node::close, "manifold-bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        Report.Findings findings;
        try {
            node.create();
            ShimRunner versionShim = new ShimRunner(root, node.dir.resolve("run-none"), env);
            versionShim.prepareCache();
            progress("delegates alone");
            List<RawDelegates.Times> raw = parts.contains(SourceRun.Part.LATENCY) ? new RawDelegates(node, sizes).measure() : List.of();
            progress("shim VERSION");
            Latency version = shimVersion(versionShim, sizes);
            List<SourceRun.Result> results = new ArrayList<>();
            if (logs != null) {
                Files.createDirectories(logs);
            }
            SourceRun run = new SourceRun(root, node, sizes, env, jcmd, parts, logs != null ? logs : node.dir);
            if (!sources.equals("kubernetes")) {
                progress("standalone store");
                results.add(run.run(new StandaloneStore(node.dir.resolve("store")), "standalone"));
            }
            if (!sources.equals("standalone")) {
                progress("Kubernetes (mock API server)");
                try (MockCluster cluster = new MockCluster(node.dir)) {
                    results.add(run.run(cluster, "kubernetes"));
                }
            }
            findings = new Report.Findings(LocalDateTime.now().withNano(0).toString(), Machine.here(), loadBefore,
                    Machine.loadAverage(), quick, sizes, results.isEmpty() ? "-" : results.getFirst().jvmOptions(),
                    raw, version, results);
        } finally {
            node.close();
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
        String markdown = Report.markdown(findings);
        System.out.println(markdown);
        Path folder = out != null ? out : root.resolve("bench-results");
        Files.createDirectories(folder);
        Path file = folder.resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss"))
                + (quick ? "-quick" : "") + ".md");
        Files.writeString(file, markdown);
        System.err.println("manifold bench: report written to " + file);
        return 0;
    }

    /** What the launchers need to run this build's jars with this JVM. */
    private Map<String, String> launcherEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        String buildDir = System.getenv("MANIFOLD_BUILD_DIR");
        if (buildDir != null) {
            env.put("MANIFOLD_BUILD_DIR", buildDir);
        }
        if (daemonJavaOpts != null) {
            env.put("MANIFOLD_JAVA_OPTS", daemonJavaOpts);
        }
        return env;
    }

    private static Latency shimVersion(ShimRunner shim, Sizes sizes) {
        Latency.Recorder times = new Latency.Recorder();
        for (int i = 0; i < sizes.warmup() + sizes.runs(); i++) {
            Host.Exit exit = shim.run("VERSION");
            if (i >= sizes.warmup()) {
                if (exit.ok()) {
                    times.ok(exit.nanos());
                } else {
                    times.failed();
                }
            }
        }
        return times.summary();
    }

    private static void progress(String what) {
        System.err.println("manifold bench: " + what + " (load " + Machine.loadAverage() + ")");
    }
}

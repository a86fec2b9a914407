package dev.manifold.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The daemon as deployed: {@code bin/manifold daemon --config FILE}, a process of its own with the
 * launcher's JVM flags, its log in a file. Its memory is read from {@code /proc/<pid>/status} and
 * from {@code jcmd} (heap after a full GC, metaspace).
 */
final class DaemonUnderTest implements AutoCloseable {
    private static final Pattern HEAP_LINE = Pattern.compile("total (\\d+)K, used (\\d+)K");
    private static final Pattern METASPACE_LINE = Pattern.compile("^\\s*Metaspace\\s+used (\\d+)K, committed (\\d+)K");

    private final Process process;
    private final Path log;

    /** What the daemon holds at one moment. Sizes in KiB. */
    record Memory(long rss, long hwm, int threads, long heapUsed, long heapCommitted, long metaspace) {
    }

    private DaemonUnderTest(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the daemon and waits (up to 60 s) for its socket.
     *
     * @param env the launcher's environment (JAVA_HOME, MANIFOLD_BUILD_DIR, MANIFOLD_JAVA_OPTS)
     */
    static DaemonUnderTest start(Path home, Path config, Path socket, Path log, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(List.of(home.resolve("bin/manifold").toString(), "daemon", "--config", config.toString()));
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            Files.deleteIfExists(socket);
            DaemonUnderTest daemon = new DaemonUnderTest(pb.start(), log);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!Files.exists(socket)) {
                if (!daemon.process.isAlive()) {
                    throw new IllegalStateException("the daemon exited with " + daemon.process.exitValue() + ":\n" + daemon.logTail());
                }
                if (System.nanoTime() > deadline) {
                    daemon.close();
                    throw new IllegalStateException("the daemon did not open " + socket + " in 60 s:\n" + daemon.logTail());
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
            return daemon;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the daemon", e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** The JVM's options as it was started: what {@code bin/manifold} gave it. */
    String jvmOptions() {
        try {
            String[] argv = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid()), "cmdline")),
                    java.nio.charset.StandardCharsets.UTF_8).split("\0");
            List<String> options = new java.util.ArrayList<>();
            for (int i = 1; i < argv.length && !argv[i].equals("-jar"); i++) {
                if (!argv[i].startsWith("-Dmanifold.home=")) {
                    options.add(argv[i]);
                }
            }
            return String.join(" ", options);
        } catch (IOException e) {
            return "?";
        }
    }

    /** RSS, peak RSS and threads now, without disturbing the heap. */
    Memory rss() {
        Map<String, Long> status = procStatus();
        return new Memory(status.getOrDefault("VmRSS", -1L), status.getOrDefault("VmHWM", -1L),
                status.getOrDefault("Threads", -1L).intValue(), -1, -1, -1);
    }

    /** Runs a full GC in the daemon ({@code jcmd GC.run}), then reads heap, metaspace and RSS. */
    Memory afterGc(Path jcmd) {
        Host.run(jcmd.toString(), Long.toString(pid()), "GC.run");
        String info = Host.run(jcmd.toString(), Long.toString(pid()), "GC.heap_info");
        long used = 0;
        long committed = 0;
        for (String line : info.split("\n")) {
            Matcher heap = HEAP_LINE.matcher(line);
            if (heap.find() && !line.contains("class space") && !line.contains("Metaspace")) {
                committed += Long.parseLong(heap.group(1));
                used += Long.parseLong(heap.group(2));
            }
        }
        long metaspace = -1;
        for (String line : Host.run(jcmd.toString(), Long.toString(pid()), "VM.metaspace").split("\n")) {
            Matcher meta = METASPACE_LINE.matcher(line);
            if (meta.find()) {
                metaspace = Long.parseLong(meta.group(1));
            }
        }
        Memory now = rss();
        return new Memory(now.rss(), now.hwm(), now.threads(), used, committed, metaspace);
    }

    /**
     * {@code jcmd VM.native_memory summary}: where the daemon's memory goes, when it runs with
     * {@code -XX:NativeMemoryTracking=summary}; empty otherwise.
     */
    String nativeMemory(Path jcmd) {
        Host.Exit e = Host.exec(List.of(jcmd.toString(), Long.toString(pid()), "VM.native_memory", "summary"), null, null);
        return e.ok() && e.stdout().contains("Total:") ? e.stdout() : "";
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private Map<String, Long> procStatus() {
        try {
            Map<String, Long> values = new java.util.HashMap<>();
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    String value = line.substring(colon + 1).trim().split("\\s+")[0];
                    if (value.matches("\\d+")) {
                        values.put(line.substring(0, colon), Long.parseLong(value));
                    }
                }
            }
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException("reading /proc/" + pid() + "/status", e);
        }
    }

    /** SIGTERM, then SIGKILL after 20 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

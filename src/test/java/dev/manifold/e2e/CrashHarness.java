package dev.manifold.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.manifold.testkit.Commands;
import dev.manifold.testkit.FakePlugins;
import dev.manifold.testkit.Netns;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Crash safety under fire: workers add and delete pods (cluster network + two secondaries, one of
 * them a slow delegate so that kills often land mid-exec) through the real shim and daemon, while
 * a {@link DaemonKiller} SIGKILLs the daemon at random moments and restarts it, and now and then
 * a shim is SIGKILLed mid-ADD. Every ADD is followed by DELs until one succeeds (bounded), as a
 * runtime does. A few seconds after its DEL succeeded each pod's netns is inspected and removed;
 * at the end the leftovers are counted: links in any netns or on the host bridges, host-local
 * allocations, journal files.
 *
 * <p>Runs until both {@code cycles} pods are done and the daemon was killed {@code minKills}
 * times. System properties override the sizes: {@code manifold.crash.cycles},
 * {@code manifold.crash.kills}, {@code manifold.crash.workers}, {@code manifold.crash.seed}.
 */
final class CrashHarness implements AutoCloseable {
    private static final String NAMESPACE = "crash";
    private static final String NETWORKS = "k8s.v1.cni.cncf.io/networks";
    /** Long enough for a delegate that outlived a killed daemon to finish what it was doing. */
    private static final Duration SETTLE = Duration.ofSeconds(5);
    private static final Duration DEL_BOUND = Duration.ofMinutes(3);
    private static final Duration RUN_BOUND = Duration.ofHours(3);
    /** How long an ADD's shim waits for a restarting daemon (its default is 10 s; a slow machine restarts slower). */
    private static final int ADD_RETRY_SECONDS = 30;

    /**
     * @param maxUptime    a kill comes at most this long after the daemon's first success since its start
     * @param shimKillRate the share of ADDs whose shim is killed at a random moment
     */
    record Settings(int cycles, int minKills, int workers, Duration maxUptime, double shimKillRate, long seed) {
        static Settings fromProperties(int cycles, int minKills) {
            return new Settings(Integer.getInteger("manifold.crash.cycles", cycles),
                    Integer.getInteger("manifold.crash.kills", minKills), Integer.getInteger("manifold.crash.workers", 4),
                    Duration.ofMillis(2_000), 0.1, Long.getLong("manifold.crash.seed", System.nanoTime()));
        }
    }

    /** A pod whose DEL succeeded at {@code deleted}, to be inspected once it settled. */
    private record Deleted(String containerId, String pod, Netns netns, Instant deleted) {
    }

    private final Settings settings;
    private final Node node = new Node();
    private final List<String> bridges = new ArrayList<>();
    private final ScheduledExecutorService shimKiller = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger cycleNumbers = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger shimKills = new AtomicInteger();
    private final AtomicInteger addsFailed = new AtomicInteger();
    private final AtomicInteger delAttempts = new AtomicInteger();
    /** Shim runs that succeeded: the daemon's progress, which paces the killer. */
    private final AtomicInteger successes = new AtomicInteger();
    private final List<String> failedDels = Collections.synchronizedList(new ArrayList<>());
    private final List<String> leakedLinks = Collections.synchronizedList(new ArrayList<>());
    private final List<Deleted> unsettled = Collections.synchronizedList(new ArrayList<>());

    CrashHarness(Settings settings) {
        this.settings = settings;
        Path bin = node.dir.resolve("bin");
        FakePlugins.install(bin, "slow-bridge");
        write(bin.resolve("slow-bridge.delay"), "0.3");
        node.daemonConfig().put("binDir", bin + ":/usr/lib/cni");
        bridges.add("mfc" + node.suffix); // the cluster network's, named by Node
        String fast = node.bridgeConfig("fast", "10.71.0.0/20");
        String slow = """
                {"cniVersion":"1.0.0","name":"slow","type":"slow-bridge","bridge":"%s",
                 "ipam":{"type":"host-local","dataDir":"%s","ranges":[[{"subnet":"10.72.0.0/20"}]]}}
                """.formatted(node.bridge("s"), node.ipamDir());
        bridges.add(bridgeOf(parse(fast)));
        bridges.add(bridgeOf(parse(slow)));
        node.nad(NAMESPACE, "fast", fast);
        node.nad(NAMESPACE, "slow", slow);
        for (int w = 0; w < settings.workers(); w++) {
            node.pod(NAMESPACE, "w" + w, "uid-w" + w, Map.of(NETWORKS, "fast, slow"));
        }
    }

    CrashFigures run() throws Exception {
        Instant start = Instant.now();
        node.start();
        ExecutorService workers = Executors.newFixedThreadPool(settings.workers());
        try (DaemonKiller killer = new DaemonKiller(node.daemon(), node.cache.resolve("attachments"),
                successes::get, settings.maxUptime(), settings.seed())) {
            killer.start();
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < settings.workers(); w++) {
                int worker = w;
                running.add(workers.submit(() -> work(worker, killer, start)));
            }
            for (Future<?> f : running) {
                f.get();
            }
            killer.close();
            return finish(killer, start);
        } finally {
            workers.shutdownNow();
        }
    }

    private Void work(int worker, DaemonKiller killer, Instant start) {
        Random random = new Random(settings.seed() + worker);
        List<Deleted> mine = new ArrayList<>();
        while (completed.get() < settings.cycles() || killer.kills() < settings.minKills()) {
            if (Duration.between(start, Instant.now()).compareTo(RUN_BOUND) > 0) {
                throw new AssertionError("crash harness ran past " + RUN_BOUND + " after " + completed.get()
                        + " cycles and " + killer.kills() + " kills");
            }
            inspectSettled(mine, Instant.now().minus(SETTLE));
            mine.add(cycle(worker, cycleNumbers.incrementAndGet(), random));
            completed.incrementAndGet();
        }
        unsettled.addAll(mine);
        return null;
    }

    /** One pod: ADD (its shim killed now and then), then DEL until it succeeds. */
    private Deleted cycle(int worker, int number, Random random) {
        Netns netns = Netns.create();
        String containerId = "crash" + Long.toHexString(settings.seed() & 0xffffff) + "n" + number;
        String pod = "w" + worker;
        ShimRun add = ShimRun.start("ADD", containerId, netns.path(), NAMESPACE, pod, node.multusConf("1.0.0"), ADD_RETRY_SECONDS);
        if (random.nextDouble() < settings.shimKillRate()) {
            shimKills.incrementAndGet();
            shimKiller.schedule(add::kill, random.nextInt(2_000), TimeUnit.MILLISECONDS);
        }
        if (add.await().exit() == 0) {
            successes.incrementAndGet();
        } else {
            addsFailed.incrementAndGet();
        }
        delUntilDone(containerId, pod, netns.path());
        return new Deleted(containerId, pod, netns, Instant.now());
    }

    /** DEL as a runtime retries it: until it succeeds, within {@link #DEL_BOUND}. */
    private void delUntilDone(String containerId, String pod, Path netns) {
        try {
            Awaitility.await("DEL of " + containerId).atMost(DEL_BOUND).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(500)).until(() -> {
                        delAttempts.incrementAndGet();
                        boolean done = ShimRun.start("DEL", containerId, netns, NAMESPACE, pod, node.multusConf("1.0.0"), 2)
                                .await().exit() == 0;
                        if (done) {
                            successes.incrementAndGet();
                        }
                        return done;
                    });
        } catch (ConditionTimeoutException e) {
            failedDels.add(containerId);
        }
    }

    /** Counts what is left in the netns of pods deleted before {@code before}, and removes them. */
    private void inspectSettled(List<Deleted> deleted, Instant before) {
        for (var it = deleted.iterator(); it.hasNext(); ) {
            Deleted d = it.next();
            if (d.deleted().isBefore(before)) {
                d.netns().linkNames().stream().filter(l -> !l.equals("lo"))
                        .forEach(l -> leakedLinks.add(d.containerId() + ": " + l));
                d.netns().close();
                it.remove();
            }
        }
    }

    /** The runtime's last word: DEL every pod not yet inspected once more, then count what is left. */
    private CrashFigures finish(DaemonKiller killer, Instant start) {
        List<Deleted> last = new ArrayList<>(unsettled);
        for (Deleted d : last) {
            delUntilDone(d.containerId(), d.pod(), d.netns().path());
        }
        Awaitility.await("settling").pollDelay(SETTLE).atMost(SETTLE.plusSeconds(5)).until(() -> true);
        inspectSettled(last, Instant.now());
        leakedLinks.addAll(hostLinksOnBridges());
        return new CrashFigures(completed.get(), killer.kills(), killer.killsDuringDelegate(), killer.killsDuringJournalWrite(),
                shimKills.get(), addsFailed.get(), delAttempts.get(), failedDels.size(), node.allocations(),
                List.copyOf(leakedLinks), node.records(), Duration.between(start, Instant.now()));
    }

    /** Host ends of veths still enslaved to this node's bridges. */
    private List<String> hostLinksOnBridges() {
        List<String> out = new ArrayList<>();
        for (JsonNode link : parse(Commands.run("ip", "-j", "link", "show"))) {
            if (bridges.contains(link.path("master").asText())) {
                out.add("host: " + link.path("ifname").asText() + " on " + link.path("master").asText());
            }
        }
        return out;
    }

    @Override
    public void close() {
        shimKiller.shutdownNow();
        unsettled.forEach(d -> d.netns().close());
        node.close();
    }

    private static String bridgeOf(JsonNode config) {
        return config.path("bridge").asText();
    }

    private static JsonNode parse(String json) {
        try {
            return Node.JSON.readTree(json.isBlank() ? "[]" : json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}

package dev.manifold.daemon.attach;

import dev.manifold.delegates.exec.ExecOutput;
import dev.manifold.delegates.exec.PluginExecutor;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake plugin run in the JVM: answers VERSION, gives each ADD an address derived from its
 * interface, and records the order of ADDs and DELs and how many ADDs ran at once. Per
 * interface an ADD can be made to wait at a barrier (proof that others run at the same time), to
 * take a while, or to fail with code 11.
 */
final class ScriptedExecutor implements PluginExecutor {
    private static final String VERSIONS = "{\"cniVersion\":\"1.0.0\",\"supportedVersions\":[\"0.3.1\",\"0.4.0\",\"1.0.0\"]}";

    private final List<String> calls = new ArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private volatile Set<String> meeting = Set.of();
    private volatile CyclicBarrier barrier;

    /** The ADDs of {@code ifNames} each wait (up to 5 s) until all of them have started. */
    ScriptedExecutor meet(Set<String> ifNames) {
        meeting = Set.copyOf(ifNames);
        barrier = new CyclicBarrier(ifNames.size());
        return this;
    }

    ScriptedExecutor delay(String ifName, Duration d) {
        delays.put(ifName, d);
        return this;
    }

    ScriptedExecutor fail(String ifName) {
        failing.add(ifName);
        return this;
    }

    /** {@code "ADD net1"}, {@code "DEL eth0"} …, in the order they started. */
    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    int mostAddsAtOnce() {
        return mostAtOnce.get();
    }

    @Override
    public ExecOutput execute(Path plugin, Map<String, String> env, byte[] stdin, Duration timeout) {
        String command = env.get("CNI_COMMAND");
        if (command.equals("VERSION")) {
            return answer(0, VERSIONS);
        }
        String ifName = env.get("CNI_IFNAME");
        synchronized (this) {
            calls.add(command + " " + ifName);
        }
        if (!command.equals("ADD")) {
            return answer(0, "");
        }
        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            if (meeting.contains(ifName)) {
                barrier.await(5, TimeUnit.SECONDS);
            }
            Thread.sleep(delays.getOrDefault(ifName, Duration.ZERO));
            if (failing.contains(ifName)) {
                return answer(1, "{\"cniVersion\":\"1.0.0\",\"code\":11,\"msg\":\"" + ifName + " is not ready\"}");
            }
            return answer(0, "{\"cniVersion\":\"1.0.0\",\"interfaces\":[{\"name\":\"" + ifName + "\",\"sandbox\":\"/ns\"}],"
                    + "\"ips\":[{\"address\":\"" + address(ifName) + "/24\",\"interface\":0}]}");
        } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
            return answer(1, "{\"cniVersion\":\"1.0.0\",\"code\":999,\"msg\":\"" + ifName + " waited alone: " + e + "\"}");
        } finally {
            running.decrementAndGet();
        }
    }

    /** eth0 → 10.9.0.100, netN → 10.9.0.N. */
    static String address(String ifName) {
        return "10.9.0." + (ifName.startsWith("net") ? ifName.substring(3) : "100");
    }

    private static ExecOutput answer(int exit, String stdout) {
        return new ExecOutput(exit, stdout.getBytes(StandardCharsets.UTF_8), new byte[0]);
    }
}

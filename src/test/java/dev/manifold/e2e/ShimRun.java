package dev.manifold.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One run of the real shim ({@code bin/manifold-shim}) for a pod, started in the background so
 * that a test can kill it mid-request, as a runtime timing out or a node crash would.
 */
final class ShimRun {
    /**
     * A thread per stream: the common pool has a single thread on a two-core machine, and one
     * drain blocked on a long run would hold up every other.
     */
    private static final ExecutorService DRAINS = Executors.newThreadPerTaskExecutor(
            Thread.ofPlatform().daemon().name("shim-output-", 0).factory());

    private final Process process;
    private final CompletableFuture<String> stdout;
    private final CompletableFuture<String> stderr;

    private ShimRun(Process process) {
        this.process = process;
        this.stdout = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()), DRAINS);
        this.stderr = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()), DRAINS);
    }

    /**
     * Starts the shim for {@code command} on container {@code containerId} of pod
     * {@code podNs/podName}, with the runtime's config {@code multusConf} on stdin.
     *
     * @param retrySeconds how long the shim keeps trying to reach a daemon that is not there
     */
    static ShimRun start(String command, String containerId, Path netns, String podNs, String podName,
                         String multusConf, int retrySeconds) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        String buildDir = System.getenv("MANIFOLD_BUILD_DIR");
        if (buildDir != null) {
            env.put("MANIFOLD_BUILD_DIR", buildDir);
        }
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", containerId);
        if (netns != null) {
            env.put("CNI_NETNS", netns.toString());
        }
        env.put("CNI_IFNAME", "eth0");
        env.put("CNI_PATH", "/opt/cni/bin");
        env.put("CNI_ARGS", "IgnoreUnknown=1;K8S_POD_NAMESPACE=" + podNs + ";K8S_POD_NAME=" + podName
                + ";K8S_POD_INFRA_CONTAINER_ID=" + containerId);
        env.put("MANIFOLD_SHIM_RETRY_SECONDS", String.valueOf(retrySeconds));
        try {
            ProcessBuilder pb = new ProcessBuilder(List.of(Launchers.shim().toString()));
            pb.environment().clear();
            pb.environment().putAll(env);
            Process p = pb.start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(multusConf.getBytes(StandardCharsets.UTF_8));
            }
            return new ShimRun(p);
        } catch (IOException e) {
            throw new AssertionError("cannot start the shim: " + e, e);
        }
    }

    /** SIGKILL, as a runtime whose deadline passed would. */
    void kill() {
        process.destroyForcibly();
    }

    /** How it ended; waits up to 3 minutes. */
    ProcessResult await() {
        try {
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the shim did not finish in 180 s");
            }
            return new ProcessResult(process.exitValue(), stdout.get(10, TimeUnit.SECONDS), stderr.get(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for the shim", e);
        } catch (Exception e) {
            throw new AssertionError("reading the shim's output failed: " + e, e);
        }
    }

    private static String drain(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}

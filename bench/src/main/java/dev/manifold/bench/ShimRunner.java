package dev.manifold.bench;

import dev.manifold.shim.Shim;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs CNI requests as a runtime would: the real {@code bin/manifold-shim} process with the CNI
 * environment and a {@code 00-multus.conf} on stdin. For the long memory runs, where the shim's
 * start-up would only slow things down, the same shim code also runs inside this JVM
 * ({@link #inProcess}): the daemon sees identical requests.
 *
 * <p>{@code parallelSecondaries} travels in the {@code 00-multus.conf}; the benchmark's daemon
 * config leaves it out, so each request's value applies.
 */
final class ShimRunner {
    private final Path shim;
    private final Path socketDir;
    private final Map<String, String> launcherEnv;

    /** One pod sandbox as the runtime names it. */
    record Sandbox(String containerId, Path netns, String podName, String podUid) {
    }

    ShimRunner(Path home, Path socketDir, Map<String, String> launcherEnv) {
        this.shim = home.resolve("bin/manifold-shim");
        this.socketDir = socketDir;
        this.launcherEnv = Map.copyOf(launcherEnv);
    }

    Host.Exit run(String command, Sandbox sandbox, boolean parallelSecondaries) {
        return Host.exec(List.of(shim.toString()), env(command, sandbox), conf(parallelSecondaries));
    }

    /** A command without a sandbox (VERSION, STATUS). */
    Host.Exit run(String command) {
        Map<String, String> env = new LinkedHashMap<>(launcherEnv);
        env.put("CNI_COMMAND", command);
        env.put("CNI_PATH", "/opt/cni/bin");
        return Host.exec(List.of(shim.toString()), env, conf(true));
    }

    /** The shim's code in this JVM, over the same socket. @return its exit code */
    int inProcess(String command, Sandbox sandbox, boolean parallelSecondaries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            return Shim.run(env(command, sandbox), new ByteArrayInputStream(conf(parallelSecondaries)), out);
        } catch (IOException e) {
            return 1;
        }
    }

    /** Builds the shim's launch cache in the foreground, so that timings see a warm shim. */
    void prepareCache() {
        Host.Exit e = Host.exec(List.of(shim.toString(), "--prepare-cache"), new LinkedHashMap<>(launcherEnv), new byte[0]);
        if (!e.ok()) {
            System.err.println("bin/manifold-shim --prepare-cache failed (the shim runs without its cache): " + e.stdout().trim());
        }
    }

    private Map<String, String> env(String command, Sandbox sandbox) {
        Map<String, String> env = new LinkedHashMap<>(launcherEnv);
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", sandbox.containerId());
        env.put("CNI_NETNS", sandbox.netns().toString());
        env.put("CNI_IFNAME", "eth0");
        env.put("CNI_PATH", "/opt/cni/bin");
        env.put("CNI_ARGS", "IgnoreUnknown=1;K8S_POD_NAMESPACE=" + BenchNode.NAMESPACE + ";K8S_POD_NAME=" + sandbox.podName()
                + ";K8S_POD_INFRA_CONTAINER_ID=" + sandbox.containerId() + ";K8S_POD_UID=" + sandbox.podUid());
        return env;
    }

    private byte[] conf(boolean parallelSecondaries) {
        return ("{\"cniVersion\":\"1.0.0\",\"name\":\"multus-cni-network\",\"type\":\"manifold-shim\",\"daemonSocketDir\":\""
                + socketDir + "\",\"parallelSecondaries\":" + parallelSecondaries + "}").getBytes(StandardCharsets.UTF_8);
    }
}

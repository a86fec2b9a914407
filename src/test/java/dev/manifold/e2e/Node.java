package dev.manifold.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.testkit.Commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One test node: a daemon config, a standalone store (the manifests a user would apply), a
 * cluster network (bridge + host-local), the real daemon process and the real shim. Every
 * host-local allocation lives under {@link #ipamDir()} so tests can prove IPs were released;
 * every bridge it creates is removed on close.
 */
final class Node implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final Path store;
    final Path netd;
    final Path cache;
    final Path run;
    final String suffix;
    private final List<String> bridges = new ArrayList<>();
    private final ObjectNode daemonConfig;
    private DaemonProcess daemon;

    Node() {
        try {
            dir = Files.createTempDirectory("manifold-e2e-");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        store = dir.resolve("store");
        netd = dir.resolve("net.d");
        cache = dir.resolve("cache");
        run = dir.resolve("run");
        suffix = Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 5);
        mkdirs(store, netd, ipamDir());
        daemonConfig = JSON.createObjectNode()
                .put("socketDir", run.toString())
                .put("cniDir", cache.toString())
                .put("binDir", "/usr/lib/cni")
                .put("confDir", netd.toString())
                .put("clusterNetwork", netd.resolve("10-cluster.conflist").toString())
                .put("standaloneDir", store.toString())
                .put("namespaceIsolation", true)
                .put("delegateTimeoutSeconds", 60);
        writeClusterNetwork();
    }

    Path ipamDir() {
        return dir.resolve("ipam");
    }

    /** A bridge name unique to this node, removed on close. */
    String bridge(String role) {
        String name = ("mf" + role + suffix);
        name = name.length() > 15 ? name.substring(0, 15) : name;
        bridges.add(name);
        return name;
    }

    ObjectNode daemonConfig() {
        return daemonConfig;
    }

    Node start() {
        try {
            Files.writeString(dir.resolve("daemon-config.json"), daemonConfig.toPrettyString());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        daemon = new DaemonProcess(dir.resolve("daemon-config.json"), run.resolve("multus.sock"), dir.resolve("daemon.log")).start();
        return this;
    }

    DaemonProcess daemon() {
        return daemon;
    }

    private void writeClusterNetwork() {
        String conf = """
                {"cniVersion":"1.0.0","name":"cluster","plugins":[{"type":"bridge","bridge":"%s","isGateway":true,
                 "ipam":{"type":"host-local","dataDir":"%s","ranges":[[{"subnet":"10.210.0.0/16"}]],"routes":[{"dst":"0.0.0.0/0"}]}}]}
                """.formatted(bridge("c"), ipamDir());
        write(netd.resolve("10-cluster.conflist"), conf);
    }

    /** A NAD manifest in the store, with {@code config} as its spec.config (JSON text). */
    void nad(String namespace, String name, String config) {
        String yaml = """
                apiVersion: k8s.cni.cncf.io/v1
                kind: NetworkAttachmentDefinition
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  config: '%s'
                """.formatted(name, namespace, config.replace("'", "''").replace("\n", " "));
        write(store.resolve("nad-" + namespace + "-" + name + ".yaml"), yaml);
    }

    /** Any file in the store (e.g. a manifest copied from {@code examples/}), replacing one of that name. */
    void storeFile(String fileName, String text) {
        write(store.resolve(fileName), text);
    }

    void removeNad(String namespace, String name) {
        try {
            Files.deleteIfExists(store.resolve("nad-" + namespace + "-" + name + ".yaml"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A bridge NAD with host-local IPAM in {@code subnet}, allocations under {@link #ipamDir()},
     * on a bridge of its own (networks sharing a bridge would see its MAC move as ports join,
     * which the bridge plugin's CHECK reports as a mismatch).
     */
    String bridgeConfig(String name, String subnet) {
        return """
                {"cniVersion":"1.0.0","name":"%s","type":"bridge","bridge":"%s",
                 "ipam":{"type":"host-local","dataDir":"%s","ranges":[[{"subnet":"%s"}]]}}
                """.formatted(name, bridge("b" + bridges.size()), ipamDir(), subnet);
    }

    String macvlanConfig(String name, String master, String subnet) {
        return """
                {"cniVersion":"1.0.0","name":"%s","type":"macvlan","master":"%s","mode":"bridge",
                 "ipam":{"type":"host-local","dataDir":"%s","ranges":[[{"subnet":"%s"}]]}}
                """.formatted(name, master, ipamDir(), subnet);
    }

    /** A pod manifest with the given annotations. */
    void pod(String namespace, String name, String uid, Map<String, String> annotations) {
        StringBuilder ann = new StringBuilder();
        annotations.forEach((k, v) -> ann.append("    ").append(k).append(": '").append(v.replace("'", "''")).append("'\n"));
        String yaml = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  namespace: %s
                  uid: %s
                  annotations:
                %s
                spec:
                  containers: [{name: app, image: pause}]
                """.formatted(name, namespace, uid, ann.isEmpty() ? "    {}" : ann.toString().stripTrailing());
        write(store.resolve("pod-" + namespace + "-" + name + ".yaml"), yaml);
    }

    /** Runs the real shim for {@code command} as a runtime would. */
    ProcessResult shim(String command, String containerId, Path netns, String ifName, String podNs, String podName, String uid) {
        return shim(command, containerId, netns, ifName, podNs, podName, uid, multusConf("1.0.0"));
    }

    /** As {@link #shim(String, String, Path, String, String, String, String)}, with {@code conf} on stdin. */
    ProcessResult shim(String command, String containerId, Path netns, String ifName, String podNs, String podName,
                       String uid, String conf) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", containerId);
        if (netns != null) {
            env.put("CNI_NETNS", netns.toString());
        }
        env.put("CNI_IFNAME", ifName);
        env.put("CNI_PATH", "/opt/cni/bin");
        env.put("CNI_ARGS", "IgnoreUnknown=1;K8S_POD_NAMESPACE=" + podNs + ";K8S_POD_NAME=" + podName
                + ";K8S_POD_INFRA_CONTAINER_ID=" + containerId + (uid == null ? "" : ";K8S_POD_UID=" + uid));
        env.put("MANIFOLD_SHIM_RETRY_SECONDS", "2");
        return Launchers.run(List.of(Launchers.shim().toString()), env, conf);
    }

    String multusConf(String cniVersion) {
        return "{\"cniVersion\":\"" + cniVersion + "\",\"name\":\"multus-cni-network\",\"type\":\"manifold-shim\","
                + "\"daemonSocketDir\":\"" + run + "\"}";
    }

    /** The IPs host-local holds, as {@code network/ip}. */
    List<String> allocations() {
        try (Stream<Path> files = Files.walk(ipamDir())) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().matches("[0-9a-f.:]+") && !p.getFileName().toString().startsWith("last"))
                    .map(p -> ipamDir().relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The attachment records in the cache dir. */
    List<String> records() {
        Path d = cache.resolve("attachments");
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The standalone store's network-status of a pod, or null. */
    JsonNode status(String namespace, String name) {
        Path f = store.resolve("status").resolve(namespace).resolve(name + ".json");
        try {
            return Files.exists(f) ? JSON.readTree(f.toFile()) : null;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        if (daemon != null) {
            daemon.close();
        }
        for (String b : bridges) {
            try {
                Commands.run("ip", "link", "del", b);
            } catch (RuntimeException e) {
                // not created by this test
            }
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temp dir
        }
    }

    private static void mkdirs(Path... dirs) {
        try {
            for (Path d : dirs) {
                Files.createDirectories(d);
            }
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

package dev.manifold.daemon.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.daemon.Daemon;
import dev.manifold.daemon.config.ConfigParser;
import dev.manifold.daemon.server.UnixHttp;
import dev.manifold.daemon.source.InMemorySource;
import dev.manifold.testkit.Commands;
import dev.manifold.testkit.Netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An in-process daemon on pods and NADs held in memory, with the real plugins: a cluster network
 * and a bridge NAD {@code team/data}, each on a bridge of its own (removed on close), every IP
 * under one host-local directory. For fault tests that reach into the daemon's files.
 */
final class LocalNode implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final Path cniDir;
    final InMemorySource source = new InMemorySource();
    private final ObjectNode config;
    private final List<String> bridges = new ArrayList<>();
    private Daemon daemon;

    LocalNode(Path dir, Path cniDir, String binDir, int delegateTimeoutSeconds) throws IOException {
        this.dir = dir;
        this.cniDir = cniDir;
        Path netd = Files.createDirectories(dir.resolve("net.d"));
        String suffix = Long.toHexString(System.nanoTime() & 0xfffff);
        Files.writeString(netd.resolve("10-cluster.conflist"), """
                {"cniVersion":"1.0.0","name":"cluster","plugins":[{"type":"bridge","bridge":"%s",
                 "ipam":{"type":"host-local","dataDir":"%s","ranges":[[{"subnet":"10.226.0.0/24"}]]}}]}"""
                .formatted(bridge("mffc" + suffix), ipam()));
        source.nad("team", "data", """
                {"cniVersion":"1.0.0","name":"data","type":"bridge","bridge":"%s",
                 "ipam":{"type":"host-local","dataDir":"%s","ranges":[[{"subnet":"10.227.0.0/24"}]]}}"""
                .formatted(bridge("mffd" + suffix), ipam()));
        config = (ObjectNode) JSON.readTree("""
                {"socketDir":"%s","cniDir":"%s","binDir":"%s","confDir":"%s","clusterNetwork":"%s","delegateTimeoutSeconds":%d}"""
                .formatted(dir.resolve("run"), cniDir, binDir, netd, netd.resolve("10-cluster.conflist"), delegateTimeoutSeconds));
    }

    private String bridge(String name) {
        bridges.add(name);
        return name;
    }

    Path ipam() {
        return dir.resolve("ipam");
    }

    LocalNode start() {
        daemon = new Daemon(ConfigParser.parse(config, k -> { }), config, source);
        daemon.start();
        return this;
    }

    UnixHttp.Answer cni(String command, String containerId, Netns netns, String pod) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", containerId);
        env.put("CNI_NETNS", netns.path().toString());
        env.put("CNI_IFNAME", "eth0");
        env.put("CNI_ARGS", "IgnoreUnknown=1;K8S_POD_NAMESPACE=team;K8S_POD_NAME=" + pod);
        return UnixHttp.cni(dir.resolve("run/multus.sock"), env,
                "{\"cniVersion\":\"1.0.0\",\"name\":\"multus-cni-network\",\"type\":\"manifold-shim\"}");
    }

    static JsonNode json(UnixHttp.Answer answer) throws IOException {
        return JSON.readTree(answer.body());
    }

    /** The IPs host-local holds. */
    List<String> allocations() throws IOException {
        if (!Files.isDirectory(ipam())) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(ipam())) {
            return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9.]+")).toList();
        }
    }

    @Override
    public void close() {
        if (daemon != null) {
            daemon.close();
        }
        bridges.forEach(b -> Commands.succeeds("ip", "link", "del", b));
    }
}

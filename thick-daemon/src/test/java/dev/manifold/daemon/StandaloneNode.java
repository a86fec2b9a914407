package dev.manifold.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.daemon.config.ConfigParser;
import dev.manifold.daemon.server.UnixHttp;
import dev.manifold.daemon.source.standalone.StandaloneSource;
import dev.manifold.testkit.Commands;
import dev.manifold.testkit.FakePlugins;
import dev.manifold.testkit.Netns;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An in-process daemon on a standalone store ({@code fixtures/operations/}) with the real bridge
 * and host-local plugins, plus the fake {@code busy} plugin (NAD {@code team/flaky}), its metrics
 * endpoint on a free loopback port. Pods: {@code team/app} (network {@code data}) and
 * {@code team/flaky} (network {@code flaky}, whose ADD fails with code 11). Needs root: the
 * caller is a {@code @NetnsTest}. {@link #close()} stops the daemon and deletes the bridges.
 */
public final class StandaloneNode implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final String clusterBridge;
    private final String dataBridge;
    private final int metricsPort;
    private final Daemon daemon;

    private StandaloneNode(Path dir) throws IOException {
        this.dir = dir;
        String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        this.clusterBridge = "mfoc" + suffix;
        this.dataBridge = "mfod" + suffix;
        this.metricsPort = freePort();
        Map<String, String> vars = Map.of("dir", dir.toString(), "ipamDir", dir.resolve("ipam").toString(),
                "clusterBridge", clusterBridge, "dataBridge", dataBridge, "metricsPort", Integer.toString(metricsPort));
        Files.createDirectories(dir.resolve("store"));
        Files.createDirectories(dir.resolve("net.d"));
        Files.writeString(dir.resolve("net.d/10-cluster.conflist"), fixture("cluster.conflist", vars));
        Files.writeString(dir.resolve("store/networks.yaml"), fixture("networks.yaml", vars));
        Files.writeString(dir.resolve("store/pods.yaml"), fixture("pods.yaml", vars));
        FakePlugins.install(dir.resolve("bin"), "busy");
        ObjectNode raw = (ObjectNode) JSON.readTree(fixture("daemon-config.json", vars));
        this.daemon = new Daemon(ConfigParser.parse(raw, key -> { }), raw, new StandaloneSource(dir.resolve("store")));
    }

    /** Writes the store and config under {@code dir} and starts the daemon. */
    public static StandaloneNode start(Path dir) throws IOException {
        StandaloneNode node = new StandaloneNode(dir);
        node.daemon.start();
        return node;
    }

    /** One CNI request for pod {@code team/<pod>} on {@code eth0}, as the shim sends it. */
    public UnixHttp.Answer cni(String command, Netns netns, String pod, String containerId) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", containerId);
        env.put("CNI_NETNS", netns.path().toString());
        env.put("CNI_IFNAME", "eth0");
        env.put("CNI_PATH", "/opt/cni/bin");
        env.put("CNI_ARGS", "IgnoreUnknown=1;K8S_POD_NAMESPACE=team;K8S_POD_NAME=" + pod);
        return UnixHttp.cni(dir.resolve("run/multus.sock"), env,
                "{\"cniVersion\":\"1.0.0\",\"name\":\"multus-cni-network\",\"type\":\"manifold-shim\"}");
    }

    /** {@code GET /metrics} of the daemon's endpoint, Prometheus text format. */
    public String scrape() throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("scrape answered " + response.statusCode());
            }
            return response.body();
        }
    }

    public Path socket() {
        return dir.resolve("run/multus.sock");
    }

    @Override
    public void close() {
        daemon.close();
        Commands.succeeds("ip", "link", "del", clusterBridge);
        Commands.succeeds("ip", "link", "del", dataBridge);
    }

    private static String fixture(String name, Map<String, String> vars) {
        try (InputStream in = StandaloneNode.class.getResourceAsStream("/fixtures/operations/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture operations/" + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (var v : vars.entrySet()) {
                text = text.replace("${" + v.getKey() + "}", v.getValue());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}

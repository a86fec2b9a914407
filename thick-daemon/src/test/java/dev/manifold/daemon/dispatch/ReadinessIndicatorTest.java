package dev.manifold.daemon.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.daemon.Daemon;
import dev.manifold.daemon.config.ConfigParser;
import dev.manifold.daemon.server.UnixHttp;
import dev.manifold.daemon.source.InMemorySource;
import dev.manifold.testkit.FakePlugins;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code readinessindicatorfile} through an in-process daemon, over its socket as the shim talks
 * to it. The cluster network is the {@code recorder} fake plugin: no namespace needed.
 */
class ReadinessIndicatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONF = "{\"cniVersion\":\"1.1.0\",\"name\":\"multus-cni-network\",\"type\":\"manifold-shim\"}";

    @TempDir
    Path tmp;

    private static final ExecutorService POOL = Executors.newCachedThreadPool();

    private Daemon daemon;
    private Path indicator;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private void startDaemon(int timeoutSeconds) throws IOException {
        Path bin = tmp.resolve("bin");
        FakePlugins.install(bin, "recorder", "mfcluster");
        Path netd = Files.createDirectories(tmp.resolve("net.d"));
        Files.writeString(netd.resolve("10-cluster.conf"), "{\"cniVersion\":\"1.1.0\",\"name\":\"cluster\",\"type\":\"mfcluster\"}");
        indicator = tmp.resolve("run/flannel/subnet.env");
        ObjectNode raw = (ObjectNode) JSON.readTree("""
                {"socketDir":"%s","cniDir":"%s","binDir":"%s","confDir":"%s","clusterNetwork":"%s",
                 "readinessindicatorfile":"%s","readinessTimeoutSeconds":%d}"""
                .formatted(tmp.resolve("sock"), tmp.resolve("cache"), bin, netd, netd.resolve("10-cluster.conf"),
                        indicator, timeoutSeconds));
        daemon = new Daemon(ConfigParser.parse(raw, k -> { }), raw, new InMemorySource());
        daemon.start();
    }

    private UnixHttp.Answer cni(String command) throws IOException {
        return cni(command, "ready-test");
    }

    private UnixHttp.Answer cni(String command, String containerId) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", containerId);
        env.put("CNI_NETNS", tmp.toString());
        env.put("CNI_IFNAME", "eth0");
        env.put("CNI_PATH", "/opt/cni/bin");
        return UnixHttp.cni(tmp.resolve("sock/multus.sock"), env, CONF);
    }

    private void createIndicator() throws IOException {
        Files.createDirectories(indicator.getParent());
        Files.writeString(indicator, "FLANNEL_NETWORK=10.244.0.0/16\n");
    }

    @Test
    void givenIndicatorFileAbsent_whenAdd_thenCode11NamesTheFileAfterTheTimeout() throws IOException {
        startDaemon(1);

        UnixHttp.Answer answer = cni("ADD");

        JsonNode error = JSON.readTree(answer.body());
        assertThat(error.path("code").asInt()).isEqualTo(11);
        assertThat(error.path("msg").asText()).isEqualTo("cluster network not ready: readiness indicator file "
                + indicator + " does not exist after 1s");
    }

    @Test
    void givenAddWaiting_whenTheIndicatorFileIsCreated_thenThatAddProceeds() throws IOException {
        startDaemon(60);
        CompletableFuture<UnixHttp.Answer> add = CompletableFuture.supplyAsync(this::addQuietly);
        Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !add.isDone());

        createIndicator();

        // Well inside the 60 s timeout: the watch woke it, not the clock.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(add::isDone);
        assertThat(add.join().status()).isEqualTo(200);
        assertThat(FakePlugins.recordedCalls(tmp.resolve("bin"), "ADD")).hasSize(1);
    }

    @Test
    void givenIndicatorFileAbsent_whenStatus_thenCode50NamesTheFile() throws IOException {
        startDaemon(1);

        UnixHttp.Answer answer = cni("STATUS");

        JsonNode error = JSON.readTree(answer.body());
        assertThat(error.path("code").asInt()).isEqualTo(50);
        assertThat(error.path("msg").asText()).isEqualTo("readiness indicator file " + indicator + " does not exist");
    }

    @Test
    void givenIndicatorFileCreatedLater_whenStatus_thenItSucceeds() throws IOException {
        startDaemon(1);
        cni("STATUS");

        createIndicator();

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> cni("STATUS").status() == 200);
    }

    @Test
    void givenMoreAddsWaitingThanTheDaemonAdmits_whenDel_thenItIsServedAtOnce() throws IOException {
        startDaemon(60);
        List<CompletableFuture<UnixHttp.Answer>> waiting = new ArrayList<>();
        for (int i = 0; i < Daemon.MAX_CONCURRENT_REQUESTS + 2; i++) {
            String id = "waiting-" + i;
            waiting.add(CompletableFuture.supplyAsync(() -> addQuietly(id), POOL));
        }
        Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> waiting.stream().noneMatch(CompletableFuture::isDone));

        long start = System.nanoTime();
        UnixHttp.Answer del = cni("DEL", "other-pod");

        // Well inside the 30 s admission wait: the waiting ADDs hold no admission slot.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(del.status()).as(del.body()).isEqualTo(200);
        createIndicator();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> waiting.stream().allMatch(CompletableFuture::isDone));
        // The recorder fake numbers its calls without a lock, so some of these racing ADDs may fail
        // in it; what matters here is that none was turned away while it waited.
        assertThat(waiting).allSatisfy(add -> assertThat(add.join().body()).doesNotContain("\"code\":11"));
    }

    private UnixHttp.Answer addQuietly() {
        return addQuietly("ready-test");
    }

    private UnixHttp.Answer addQuietly(String containerId) {
        try {
            return cni("ADD", containerId);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.manifold.e2e;

import dev.manifold.testkit.Netns;
import dev.manifold.testkit.NetnsTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code multusConfigFile: auto} with the real daemon process: the daemon config names no cluster
 * network; the generated {@code 00-multus.conf} does, and the real shim forwards it as a runtime
 * hands it over. With {@code cleanupConfigOnExit}, SIGTERM removes the file.
 */
@NetnsTest
class AutoconfEndToEndTest {
    private Node node;
    private Path generated;

    @BeforeEach
    void startNode() {
        node = new Node();
        node.daemonConfig().remove("clusterNetwork");
        node.daemonConfig().put("multusConfigFile", "auto")
                .put("multusAutoconfigDir", node.netd.toString())
                .put("cniConfigDir", node.netd.toString())
                .put("cleanupConfigOnExit", true);
        generated = node.netd.resolve("00-multus.conf");
    }

    @AfterEach
    void stopNode() {
        node.close();
    }

    private String awaitGenerated() throws IOException {
        Awaitility.await("generated " + generated).atMost(Duration.ofSeconds(30)).until(() -> Files.exists(generated));
        return Files.readString(generated);
    }

    @Test
    void givenAutoConfig_whenTheShimRunsWithTheGeneratedFile_thenThePodGetsTheClusterNetwork(Netns netns) throws IOException {
        String uid = UUID.randomUUID().toString();
        node.pod("team", "app", uid, Map.of());
        node.start();
        String conf = awaitGenerated();

        ProcessResult add = node.shim("ADD", "a070c0f1", netns.path(), "eth0", "team", "app", uid, conf);

        assertThat(add.exit()).as(add.toString()).isZero();
        assertThat(netns.ipv4Addresses("eth0")).singleElement().asString().startsWith("10.210.");
        assertThat(node.status("team", "app").get(0).path("name").asText()).isEqualTo("cluster");
        ProcessResult del = node.shim("DEL", "a070c0f1", netns.path(), "eth0", "team", "app", uid, conf);
        assertThat(del.exit()).as(del.toString()).isZero();
        assertThat(node.allocations()).isEmpty();
    }

    @Test
    void givenRunningDaemon_whenANewClusterNetworkFileAppears_thenTheFileIsRegeneratedAndTheNextPodGetsTheNewNetwork(
            Netns netns) throws IOException {
        String uid = UUID.randomUUID().toString();
        node.pod("team", "app", uid, Map.of());
        node.start();
        awaitGenerated();
        Path newCluster = node.netd.resolve("05-cluster2.conf");

        // What a cluster network's installer does: write the file, then rename it into place.
        Path staged = node.netd.resolve(".05-cluster2.conf.tmp");
        Files.writeString(staged, node.bridgeConfig("cluster2", "10.212.0.0/24"));
        Files.move(staged, newCluster, StandardCopyOption.ATOMIC_MOVE);

        Awaitility.await("00-multus.conf naming " + newCluster).atMost(Duration.ofSeconds(30))
                .until(() -> Files.readString(generated).contains(newCluster.toString()));
        String conf = Files.readString(generated);
        ProcessResult add = node.shim("ADD", "a070c0f2", netns.path(), "eth0", "team", "app", uid, conf);

        assertThat(add.exit()).as(add.toString()).isZero();
        assertThat(netns.ipv4Addresses("eth0")).singleElement().asString().startsWith("10.212.0.");
        assertThat(node.status("team", "app").get(0).path("name").asText()).isEqualTo("cluster2");
        ProcessResult del = node.shim("DEL", "a070c0f2", netns.path(), "eth0", "team", "app", uid, conf);
        assertThat(del.exit()).as(del.toString()).isZero();
        assertThat(node.allocations()).isEmpty();
    }

    @Test
    void givenCleanupConfigOnExit_whenTheDaemonIsStopped_thenTheGeneratedFileIsRemoved() throws IOException {
        node.start();
        awaitGenerated();

        node.daemon().close();

        assertThat(generated).doesNotExist();
        assertThat(node.netd.resolve("10-cluster.conflist")).exists();
    }
}

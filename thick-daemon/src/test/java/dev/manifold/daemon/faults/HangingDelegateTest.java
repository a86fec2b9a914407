package dev.manifold.daemon.faults;

import dev.manifold.daemon.server.UnixHttp;
import dev.manifold.testkit.FakePlugins;
import dev.manifold.testkit.Netns;
import dev.manifold.testkit.NetnsTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A delegate that never answers (the {@code hang} fake plugin, holding its output open through a
 * child): with {@code delegateTimeoutSeconds} 2 it is killed, with its child, at the timeout, and
 * the ADD fails, the networks attached before it DELeted. Prints how long the ADD took.
 */
@NetnsTest
class HangingDelegateTest {
    @TempDir
    Path dir;

    private LocalNode node;
    private Path bin;

    @BeforeEach
    void start() throws Exception {
        bin = dir.resolve("bin");
        FakePlugins.install(bin, "hang");
        node = new LocalNode(dir, dir.resolve("cache"), bin + ":/usr/lib/cni", 2);
        node.source.nad("team", "stuck", "{\"cniVersion\":\"1.0.0\",\"name\":\"stuck\",\"type\":\"hang\"}");
        node.source.pod("team", "app", Map.of("k8s.v1.cni.cncf.io/networks", "data, stuck"));
        node.start();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void givenDelegateThatHangs_whenAdd_thenKilledAtTheTimeoutAndEverythingRolledBack(Netns netns) throws Exception {
        long start = System.nanoTime();
        UnixHttp.Answer add = node.cni("ADD", "hang1", netns, "app");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("OUTAGE ADD with a hanging delegate (timeout 2 s, rollback included): " + took.toMillis() + " ms");

        // The fake hangs forever: an answer at all means it was killed; well under 30 s means at the 2 s timeout.
        assertThat(took).isLessThan(Duration.ofSeconds(30));

        assertThat(LocalNode.json(add).path("msg").asText()).contains("team/stuck").contains("timed out after 2s");
        assertThat(netns.linkNames()).containsExactly("lo");
        assertThat(node.allocations()).isEmpty();
        List<Long> pids = Files.readAllLines(bin.resolve("hang.pids")).stream().map(String::strip).map(Long::parseLong).toList();
        Awaitility.await("the hanging plugin and its child killed").atMost(Duration.ofSeconds(10))
                .until(() -> pids.stream().noneMatch(HangingDelegateTest::running));
    }

    /** Alive and not a zombie (a killed orphan stays one until init reaps it). */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException gone) {
            return false;
        }
    }

    @Test
    void givenDelegateThatHangs_whenAddFailedAndTheRuntimeDeletes_thenDelSucceeds(Netns netns) throws Exception {
        node.cni("ADD", "hang2", netns, "app");

        UnixHttp.Answer del = node.cni("DEL", "hang2", netns, "app");

        assertThat(del.status()).as(del.body()).isEqualTo(200);
    }
}

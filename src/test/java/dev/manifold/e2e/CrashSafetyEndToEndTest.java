package dev.manifold.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.testkit.FakePlugins;
import dev.manifold.testkit.Netns;
import dev.manifold.testkit.NetnsTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 at any point: the daemon at random moments under load (the {@link CrashHarness}), the
 * shim in the middle of its request, a delegate plugin in the middle of its ADD, the daemon in the
 * middle of a journal write (deterministically: what the cut write leaves is put in place). Whatever
 * is killed, every DEL eventually succeeds and nothing is left: no link, no IP, no record. A record
 * torn by a crash of the machine does not wedge the DEL either.
 *
 * <p>The harness runs CI-sized here (200 cycles, at least 30 kills); for a long run:
 * {@code ./mvnw -pl src/test -am verify -Dtest=CrashSafetyEndToEndTest -Dmanifold.crash.cycles=2000
 * -Dmanifold.crash.kills=300 -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@NetnsTest
class CrashSafetyEndToEndTest {
    private static final String NETWORKS = "k8s.v1.cni.cncf.io/networks";

    private Node node;

    @AfterEach
    void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void givenDaemonKilledAtRandomWhilePodsComeAndGo_whenEveryPodIsDeleted_thenNothingLeaks() throws Exception {
        CrashFigures figures;
        try (CrashHarness harness = new CrashHarness(CrashHarness.Settings.fromProperties(200, 30))) {
            figures = harness.run();
        }
        figures.report();

        assertThat(figures.cycles()).isGreaterThanOrEqualTo(Integer.getInteger("manifold.crash.cycles", 200));
        assertThat(figures.kills()).isGreaterThanOrEqualTo(Integer.getInteger("manifold.crash.kills", 30));
        // Every other kill waits for a delegate to run: none landing there would mean the harness
        // no longer tests a kill in the middle of a delegate exec.
        assertThat(figures.killsDuringDelegate()).as("kills during a delegate exec: " + figures.line()).isPositive();
        assertThat(figures.addsFailed()).as("ADDs must also succeed between kills: " + figures.line())
                .isLessThan(figures.cycles());
        assertThat(figures.failedDels()).as(figures.line()).isZero();
        assertThat(figures.leakedLinks()).as(figures.line()).isEmpty();
        assertThat(figures.leakedIps()).as(figures.line()).isEmpty();
        assertThat(figures.recordsLeft()).as(figures.line()).isEmpty();
    }

    @Test
    void givenShimKilledWhileItsAddRuns_whenTheRuntimeDeletes_thenTheDaemonFinishedAndNothingLeaks(Netns netns) {
        Path bin = slowNode(2.0);
        ShimRun add = ShimRun.start("ADD", "shimkill1", netns.path(), "team", "app", node.multusConf("1.0.0"), 10);
        awaitDelegateStarted(bin, "shimkill1");

        add.kill();

        assertThat(add.await().exit()).isNotZero();
        Awaitility.await("the daemon finishing the ADD").atMost(Duration.ofMinutes(2))
                .until(() -> "ATTACHED".equals(recordState("shimkill1")));
        assertThat(netns.linkNames()).contains("eth0", "net1");
        ProcessResult del = node.shim("DEL", "shimkill1", netns.path(), "eth0", "team", "app", null);
        assertThat(del.exit()).as(del.toString()).isZero();
        assertThat(netns.linkNames()).containsExactly("lo");
        assertThat(node.allocations()).isEmpty();
        assertThat(node.records()).isEmpty();
    }

    @Test
    void givenDelegateKilledWhileItsAddRuns_whenAdd_thenItFailsAndEverythingIsRolledBack(Netns netns) throws Exception {
        Path bin = slowNode(3.0);
        ShimRun add = ShimRun.start("ADD", "plugkill1", netns.path(), "team", "app", node.multusConf("1.0.0"), 10);
        long pid = awaitDelegateStarted(bin, "plugkill1");

        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);

        ProcessResult result = add.await();
        assertThat(result.exit()).as(result.toString()).isEqualTo(1);
        assertThat(result.json().path("msg").asText()).contains("team/slow");
        assertThat(netns.linkNames()).containsExactly("lo");
        assertThat(node.allocations()).isEmpty();
        assertThat(node.records()).isEmpty();
        ProcessResult del = node.shim("DEL", "plugkill1", netns.path(), "eth0", "team", "app", null);
        assertThat(del.exit()).as(del.toString()).isZero();
    }

    @Test
    void givenDaemonKilledWhileADelegateRuns_whenTheRuntimeDeletesBeforeTheDelegateWouldHaveFinished_thenNothingLeaks(
            Netns netns) {
        Path bin = slowNode(90.0);
        ShimRun add = ShimRun.start("ADD", "orphan1", netns.path(), "team", "app", node.multusConf("1.0.0"), 2);
        long delegate = awaitDelegateStarted(bin, "orphan1");

        node.daemon().kill();
        add.await();
        node.daemon().start();
        ProcessResult del = node.shim("DEL", "orphan1", netns.path(), "eth0", "team", "app", null);

        assertThat(del.exit()).as(del.toString()).isZero();
        Awaitility.await("the delegate the killed daemon had started").atMost(Duration.ofMinutes(3))
                .until(() -> ProcessHandle.of(delegate).map(p -> !p.isAlive()).orElse(true));
        assertThat(netns.linkNames()).as("a delegate that outlived the daemon attached after the DEL").containsExactly("lo");
        assertThat(node.allocations()).isEmpty();
    }

    /*
     * A kill in the middle of a journal write, made deterministic: the random kills of the harness
     * (a few ms of writing among seconds of delegate execs) almost never land there. AtomicFiles
     * writes a temporary file beside the record (".<name>.<random>.tmp", 0600), then renames it
     * over the record: a kill before the rename leaves the temporary file, in any state from empty
     * to complete, and the record as it was. These tests leave exactly that in the journal
     * directory of a SIGKILLed daemon, start it again, and DEL as the runtime would.
     */

    @Test
    void givenTheAttachedRecordsWriteCutByAKill_whenTheDaemonRestartsAndTheRuntimeDeletes_thenTheTempFileIsGoneAndNothingLeaks(
            Netns netns) throws Exception {
        dataNode();
        ProcessResult add = node.shim("ADD", "torn1", netns.path(), "eth0", "team", "app", null);
        assertThat(add.exit()).as(add.toString()).isZero();
        Path record = recordFile("torn1");
        byte[] attached = Files.readAllBytes(record);

        node.daemon().kill();
        // A kill inside the ATTACHED write (Attacher: journal.update after every delegate
        // succeeded): the synced PLANNED record still in place, the ATTACHED one half-written.
        Files.write(record, planned(attached));
        Path temp = cutWrite(record, Arrays.copyOf(attached, attached.length / 2));
        node.daemon().start();

        assertThat(temp).as("the cut write's temporary file, removed at start").doesNotExist();
        assertThat(node.records()).containsExactly("torn1.json");
        assertThat(netns.linkNames()).contains("eth0", "net1");
        ProcessResult del = node.shim("DEL", "torn1", netns.path(), "eth0", "team", "app", null);
        assertThat(del.exit()).as(del.toString()).isZero();
        assertThat(netns.linkNames()).containsExactly("lo");
        assertThat(node.allocations()).isEmpty();
        assertThat(node.records()).isEmpty();
    }

    @Test
    void givenTheFirstRecordWriteCutByAKill_whenTheDaemonRestarts_thenTheTempFileIsGoneDelSucceedsAndTheRetriedAddWorks(
            Netns netns) throws Exception {
        dataNode();
        node.daemon().kill();
        // A kill inside the PLANNED write, before any delegate ran: no record, a torn temporary
        // file, and (a kill right after the temporary file was created) an empty one.
        Path record = recordFile("torn2");
        Path torn = cutWrite(record, ("{\"kind\":\"manifold.journal/v1\",\"containerId\":\"torn2\",\"pod\":\"team/app\","
                + "\"netns\":\"" + netns.path() + "\",\"state\":\"PLANNED\",\"attachments\":[{\"statusName\":\"clu")
                .getBytes(StandardCharsets.UTF_8));
        Path empty = cutWrite(record, new byte[0]);
        node.daemon().start();

        assertThat(torn).doesNotExist();
        assertThat(empty).doesNotExist();
        assertThat(node.records()).isEmpty();
        ProcessResult del = node.shim("DEL", "torn2", netns.path(), "eth0", "team", "app", null);
        assertThat(del.exit()).as("the runtime's DEL after the failed ADD: " + del).isZero();
        ProcessResult add = node.shim("ADD", "torn2", netns.path(), "eth0", "team", "app", null);
        assertThat(add.exit()).as("the runtime's retried ADD: " + add).isZero();
        assertThat(netns.linkNames()).contains("eth0", "net1");
        ProcessResult lastDel = node.shim("DEL", "torn2", netns.path(), "eth0", "team", "app", null);
        assertThat(lastDel.exit()).as(lastDel.toString()).isZero();
        assertThat(netns.linkNames()).containsExactly("lo");
        assertThat(node.allocations()).isEmpty();
        assertThat(node.records()).isEmpty();
    }

    /**
     * A kill of the process cannot leave a torn record: the record is only ever replaced by a
     * rename. A crash of the machine can: the ATTACHED record is written without fsync
     * (AtomicFiles.writeUnsynced), so after a power loss the renamed file may be empty or hold
     * only part of its bytes. The runtime then DELs the container again, and that DEL must not
     * fail forever on the unreadable record: it falls back to what the pod and its NADs say.
     */
    @ParameterizedTest(name = "{0} record")
    @ValueSource(strings = {"empty", "truncated"})
    void givenARecordTornByAMachineCrash_whenTheDaemonStartsAndTheRuntimeDeletes_thenDelSucceedsAndNothingLeaks(
            String torn, Netns netns) throws Exception {
        dataNode();
        ProcessResult add = node.shim("ADD", "torn3", netns.path(), "eth0", "team", "app", null);
        assertThat(add.exit()).as(add.toString()).isZero();
        Path record = recordFile("torn3");
        byte[] attached = Files.readAllBytes(record);

        node.daemon().kill();
        Files.write(record, torn.equals("empty") ? new byte[0] : Arrays.copyOf(attached, attached.length / 2));
        node.daemon().start();

        ProcessResult del = node.shim("DEL", "torn3", netns.path(), "eth0", "team", "app", null);
        assertThat(del.exit()).as(del.toString()).isZero();
        assertThat(netns.linkNames()).containsExactly("lo");
        assertThat(node.allocations()).as("host-local allocations after the DEL").isEmpty();
        assertThat(node.records()).isEmpty();
    }

    /** A node whose pod team/app (UID u-app) has one secondary, a bridge with host-local IPAM. */
    private void dataNode() {
        node = new Node();
        node.nad("team", "data", node.bridgeConfig("data", "10.74.0.0/24"));
        node.pod("team", "app", "u-app", Map.of(NETWORKS, "data"));
        node.start();
    }

    private Path recordFile(String containerId) {
        return node.cache.resolve("attachments").resolve(containerId + ".json");
    }

    /** The PLANNED record the Attacher wrote before {@code attached}: the same entries without results. */
    private static byte[] planned(byte[] attached) throws IOException {
        ObjectNode record = (ObjectNode) Node.JSON.readTree(attached);
        assertThat(record.path("state").asText()).isEqualTo("ATTACHED");
        record.put("state", "PLANNED");
        for (JsonNode entry : record.path("attachments")) {
            assertThat(((ObjectNode) entry.path("delegate")).remove("result")).as("a recorded result").isNotNull();
        }
        return Node.JSON.writeValueAsBytes(record);
    }

    /** What AtomicFiles leaves when its write of {@code record} is cut before the rename: {@code bytes} in its temporary file. */
    private static Path cutWrite(Path record, byte[] bytes) throws IOException {
        Path temp = Files.createTempFile(record.getParent(), "." + record.getFileName() + ".", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.write(temp, bytes);
    }

    /**
     * A node whose pod team/app has one secondary, the slow bridge pausing {@code delaySeconds} on
     * ADD (not on DEL); returns its bin dir.
     */
    private Path slowNode(double delaySeconds) {
        node = new Node();
        Path bin = node.dir.resolve("bin");
        FakePlugins.install(bin, "slow-bridge");
        try {
            Files.writeString(bin.resolve("slow-bridge.delay"), String.valueOf(delaySeconds));
            Files.writeString(bin.resolve("slow-bridge.del-delay"), "0");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        node.daemonConfig().put("binDir", bin + ":/usr/lib/cni");
        node.nad("team", "slow", """
                {"cniVersion":"1.0.0","name":"slow","type":"slow-bridge","bridge":"%s",
                 "ipam":{"type":"host-local","dataDir":"%s","ranges":[[{"subnet":"10.73.0.0/24"}]]}}
                """.formatted(node.bridge("s"), node.ipamDir()));
        node.pod("team", "app", "u-slow", Map.of(NETWORKS, "slow"));
        node.start();
        return bin;
    }

    /** The pid of the slow delegate once it runs for {@code containerId}'s net1. */
    private static long awaitDelegateStarted(Path bin, String containerId) {
        Path pidFile = bin.resolve("pids").resolve(containerId + ".net1");
        Awaitility.await("the slow delegate starting").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> Files.isRegularFile(pidFile) && !Files.readString(pidFile).isBlank());
        try {
            return Long.parseLong(Files.readString(pidFile).strip());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private String recordState(String containerId) throws IOException {
        Path record = node.cache.resolve("attachments").resolve(containerId + ".json");
        if (!Files.exists(record)) {
            return "none";
        }
        JsonNode json = Node.JSON.readTree(record.toFile());
        return json.path("state").asText();
    }
}

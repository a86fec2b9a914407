package dev.manifold.e2e;

import dev.manifold.testkit.Netns;
import dev.manifold.testkit.NetnsTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input and failing delegates through the real processes: each gets a CNI error object with
 * the right code and a message naming what is wrong, and a failed ADD leaves no interface, no
 * IP allocation and no record behind.
 */
@NetnsTest
class AttachFailureEndToEndTest {
    private Node node;

    @BeforeEach
    void startNode() {
        node = new Node();
    }

    @AfterEach
    void stopNode() {
        node.close();
    }

    @Test
    void givenSecondSecondaryFails_whenAdd_thenEverythingIsRolledBack(Netns netns) {
        node.nad("team", "good", node.bridgeConfig("good", "10.51.0.0/24"));
        node.nad("team", "bad", node.macvlanConfig("bad", "mfnosuchlink", "10.52.0.0/24"));
        node.pod("team", "app", "u-1", Map.of("k8s.v1.cni.cncf.io/networks", "good,bad"));
        node.start();

        ProcessResult add = node.shim("ADD", "bad00001", netns.path(), "eth0", "team", "app", "u-1");

        assertThat(add.exit()).isEqualTo(1);
        assertThat(add.json().path("msg").asText()).isEqualTo("network team/bad (net2): Link not found");
        assertThat(add.json().path("code").asInt()).isNotIn(0, 11);
        assertThat(netns.linkNames()).containsExactly("lo");
        assertThat(node.allocations()).isEmpty();
        assertThat(node.records()).isEmpty();
        assertThat(node.status("team", "app")).isNull();

        ProcessResult runtimeDel = node.shim("DEL", "bad00001", netns.path(), "eth0", "team", "app", "u-1");
        assertThat(runtimeDel.exit()).as("the runtime's DEL after a failed ADD must not wedge: " + runtimeDel).isZero();
    }

    @Test
    void givenUnknownNad_whenAdd_thenCode7NamesItAndNothingIsAttached(Netns netns) {
        node.pod("team", "app", "u-2", Map.of("k8s.v1.cni.cncf.io/networks", "missing"));
        node.start();

        ProcessResult add = node.shim("ADD", "bad00002", netns.path(), "eth0", "team", "app", "u-2");

        assertThat(add.exit()).isEqualTo(1);
        assertThat(add.json().path("code").asInt()).isEqualTo(7);
        assertThat(add.json().path("msg").asText()).contains("team/missing").hasSizeLessThan(1024);
        assertThat(netns.linkNames()).containsExactly("lo");
        assertThat(node.allocations()).isEmpty();
        assertThat(node.records()).isEmpty();
    }

    @Test
    void givenMalformedAnnotation_whenAdd_thenCode7SaysWhere(Netns netns) {
        node.pod("team", "app", "u-3", Map.of("k8s.v1.cni.cncf.io/networks", "ok, a/b/c"));
        node.start();

        ProcessResult add = node.shim("ADD", "bad00003", netns.path(), "eth0", "team", "app", "u-3");

        assertThat(add.json().path("code").asInt()).isEqualTo(7);
        assertThat(add.json().path("msg").asText()).contains("k8s.v1.cni.cncf.io/networks").contains("a/b/c");
        assertThat(netns.linkNames()).containsExactly("lo");
    }

    @Test
    void givenStalePodUid_whenAdd_thenRefusedWithCode3(Netns netns) {
        node.pod("team", "app", "uid-now", Map.of());
        node.start();

        ProcessResult add = node.shim("ADD", "bad00004", netns.path(), "eth0", "team", "app", "uid-before");

        assertThat(add.json().path("code").asInt()).isEqualTo(3);
        assertThat(add.json().path("msg").asText()).contains("team/app").contains("uid-before");
        assertThat(netns.linkNames()).containsExactly("lo");
    }

    @Test
    void givenInvalidIfName_whenAdd_thenCode4(Netns netns) {
        node.pod("team", "app", "u-5", Map.of());
        node.start();

        ProcessResult add = node.shim("ADD", "bad00005", netns.path(), "eth0/x", "team", "app", "u-5");

        assertThat(add.json().path("code").asInt()).isEqualTo(4);
        assertThat(add.json().path("msg").asText()).contains("CNI_IFNAME");
    }

    @Test
    void givenMissingNetns_whenAdd_thenCode8() {
        node.pod("team", "app", "u-6", Map.of());
        node.start();

        ProcessResult add = node.shim("ADD", "bad00006", Path.of("/var/run/netns/mf-does-not-exist"), "eth0", "team", "app", "u-6");

        assertThat(add.json().path("code").asInt()).isEqualTo(8);
        assertThat(node.allocations()).isEmpty();
    }

    @Test
    void givenNoDaemon_whenAddAndDel_thenBothFailWithCode11(Netns netns) {
        ProcessResult add = node.shim("ADD", "bad00007", netns.path(), "eth0", "team", "app", "u-7");
        ProcessResult del = node.shim("DEL", "bad00007", netns.path(), "eth0", "team", "app", "u-7");

        assertThat(add.exit()).isEqualTo(1);
        assertThat(add.json().path("code").asInt()).isEqualTo(11);
        assertThat(del.exit()).isEqualTo(1);
        assertThat(del.json().path("code").asInt()).isEqualTo(11);
    }
}

package dev.manifold.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.manifold.testkit.HostVeth;
import dev.manifold.testkit.Netns;
import dev.manifold.testkit.NetnsTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pod's networks through the real shim process, the real daemon process and the real plugins,
 * in a real network namespace: ADD, CHECK and DEL, interface naming, runtime config, idempotence,
 * and a daemon restart between ADD and DEL.
 */
@NetnsTest
class AttachEndToEndTest {
    private Node node;

    @BeforeEach
    void startNode() {
        node = new Node();
    }

    @AfterEach
    void stopNode() {
        node.close();
    }

    @ParameterizedTest(name = "{0} secondaries")
    @ValueSource(ints = {0, 1, 3})
    void givenPodWithSecondaries_whenAddCheckDel_thenInterfacesComeAndGo(int secondaries, Netns netns) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < secondaries; i++) {
            String name = "net-" + (char) ('a' + i);
            node.nad("team", name, node.bridgeConfig(name, "10.3" + i + ".0.0/24"));
            names.add(name);
        }
        String uid = UUID.randomUUID().toString();
        node.pod("team", "app", uid, secondaries == 0 ? Map.of() : Map.of("k8s.v1.cni.cncf.io/networks", String.join(",", names)));
        node.start();

        ProcessResult add = node.shim("ADD", "c0ffee01", netns.path(), "eth0", "team", "app", uid);

        assertThat(add.exit()).as(add.toString()).isZero();
        assertThat(add.json().path("cniVersion").asText()).isEqualTo("1.0.0");
        assertThat(netns.ipv4Addresses("eth0")).singleElement().asString().startsWith("10.210.");
        for (int i = 1; i <= secondaries; i++) {
            assertThat(netns.ipv4Addresses("net" + i)).singleElement().asString().startsWith("10.3" + (i - 1) + ".0.");
        }
        JsonNode status = node.status("team", "app");
        assertThat(status).hasSize(secondaries + 1);
        assertThat(status.get(0).path("name").asText()).isEqualTo("cluster");
        assertThat(status.get(0).path("default").asBoolean()).isTrue();
        for (int i = 1; i <= secondaries; i++) {
            assertThat(status.get(i).path("name").asText()).isEqualTo("team/" + names.get(i - 1));
            assertThat(status.get(i).path("interface").asText()).isEqualTo("net" + i);
            assertThat(status.get(i).path("ips").get(0).asText()).startsWith("10.3" + (i - 1) + ".0.");
        }
        assertThat(node.allocations()).hasSize(secondaries + 1);

        ProcessResult check = node.shim("CHECK", "c0ffee01", netns.path(), "eth0", "team", "app", uid);
        assertThat(check.exit()).as(check.toString()).isZero();

        ProcessResult del = node.shim("DEL", "c0ffee01", netns.path(), "eth0", "team", "app", uid);
        assertThat(del.exit()).as(del.toString()).isZero();
        assertThat(netns.linkNames()).containsExactly("lo");
        assertThat(node.allocations()).isEmpty();
        assertThat(node.records()).isEmpty();
        assertThat(node.status("team", "app")).isNull();

        ProcessResult again = node.shim("DEL", "c0ffee01", netns.path(), "eth0", "team", "app", uid);
        assertThat(again.exit()).as(again.toString()).isZero();
    }

    @Test
    void givenCustomInterfaceNames_whenAdd_thenPodHasThem(Netns netns) {
        node.nad("team", "blue", node.bridgeConfig("blue", "10.41.0.0/24"));
        node.nad("team", "green", node.bridgeConfig("green", "10.42.0.0/24"));
        node.pod("team", "app", "u-1", Map.of("k8s.v1.cni.cncf.io/networks", "blue@data0, team/green@storage"));
        node.start();

        ProcessResult add = node.shim("ADD", "c0ffee02", netns.path(), "eth0", "team", "app", "u-1");

        assertThat(add.exit()).as(add.toString()).isZero();
        assertThat(netns.linkNames()).contains("eth0", "data0", "storage").doesNotContain("net1", "net2");
        assertThat(node.status("team", "app").get(2).path("interface").asText()).isEqualTo("storage");
        assertThat(node.shim("DEL", "c0ffee02", netns.path(), "eth0", "team", "app", "u-1").exit()).isZero();
    }

    @Test
    void givenStaticIpAndMacRequests_whenAdd_thenPluginsHonourThem(Netns netns, HostVeth lan) {
        node.nad("team", "lan", """
                {"cniVersion":"1.0.0","name":"lan","type":"macvlan","master":"%s","mode":"bridge",
                 "capabilities":{"ips":true,"mac":true},"ipam":{"type":"static"}}""".formatted(lan.master()));
        node.pod("team", "app", "u-2", Map.of("k8s.v1.cni.cncf.io/networks",
                "[{\"name\":\"lan\",\"ips\":[\"192.168.50.7/24\"],\"mac\":\"02:00:00:aa:bb:cc\"}]"));
        node.start();

        ProcessResult add = node.shim("ADD", "c0ffee03", netns.path(), "eth0", "team", "app", "u-2");

        assertThat(add.exit()).as(add.toString()).isZero();
        assertThat(netns.ipv4Addresses("net1")).containsExactly("192.168.50.7/24");
        assertThat(netns.run("cat", "/sys/class/net/net1/address").trim()).isEqualTo("02:00:00:aa:bb:cc");
        JsonNode lanStatus = node.status("team", "app").get(1);
        assertThat(lanStatus.path("mac").asText()).isEqualTo("02:00:00:aa:bb:cc");
        assertThat(lanStatus.path("ips").get(0).asText()).isEqualTo("192.168.50.7");
        assertThat(node.shim("DEL", "c0ffee03", netns.path(), "eth0", "team", "app", "u-2").exit()).isZero();
    }

    @Test
    void givenDaemonRestartedAfterAdd_whenDel_thenEverythingIsReleased(Netns netns, HostVeth lan) {
        node.nad("team", "lan", node.macvlanConfig("lan", lan.master(), "192.168.60.0/24"));
        node.nad("team", "data", node.bridgeConfig("data", "10.43.0.0/24"));
        node.pod("team", "app", "u-3", Map.of("k8s.v1.cni.cncf.io/networks", "lan,data"));
        node.start();
        assertThat(node.shim("ADD", "c0ffee04", netns.path(), "eth0", "team", "app", "u-3").exit()).isZero();
        node.removeNad("team", "lan");

        node.daemon().kill();
        node.daemon().start();
        ProcessResult del = node.shim("DEL", "c0ffee04", netns.path(), "eth0", "team", "app", "u-3");

        assertThat(del.exit()).as(del.toString()).isZero();
        assertThat(netns.linkNames()).containsExactly("lo");
        assertThat(node.allocations()).isEmpty();
        assertThat(node.records()).isEmpty();
    }

    @Test
    void givenDefaultRouteOnSecondary_whenAdd_thenItOwnsTheDefaultRoute(Netns netns) {
        node.nad("team", "uplink", node.bridgeConfig("uplink", "10.44.0.0/24"));
        node.pod("team", "app", "u-4", Map.of("k8s.v1.cni.cncf.io/networks",
                "[{\"name\":\"uplink\",\"default-route\":[\"10.44.0.1\"]}]"));
        node.start();

        ProcessResult add = node.shim("ADD", "c0ffee05", netns.path(), "eth0", "team", "app", "u-4");

        assertThat(add.exit()).as(add.toString()).isZero();
        JsonNode defaults = netns.routes();
        List<String> defaultDevs = new ArrayList<>();
        defaults.forEach(r -> {
            if (r.path("dst").asText().equals("default")) {
                defaultDevs.add(r.path("dev").asText() + " via " + r.path("gateway").asText());
            }
        });
        assertThat(defaultDevs).containsExactly("net1 via 10.44.0.1");
        JsonNode status = node.status("team", "app");
        assertThat(status.get(0).path("default").asBoolean()).isFalse();
        assertThat(status.get(1).path("default").asBoolean()).isTrue();
        assertThat(node.shim("DEL", "c0ffee05", netns.path(), "eth0", "team", "app", "u-4").exit()).isZero();
    }
}

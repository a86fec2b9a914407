package dev.manifold.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.manifold.e2e.ExampleManifests.ExamplePod;
import dev.manifold.testkit.CniPlugins;
import dev.manifold.testkit.Commands;
import dev.manifold.testkit.HostVeth;
import dev.manifold.testkit.Netns;
import dev.manifold.testkit.NetnsTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every folder of {@code examples/}, applied as a user would apply it — its NADs and pods in
 * the node's standalone store — and attached through the real shim, daemon and plugins: ADD and
 * CHECK, what the example's README promises is in the pod's namespace, then DEL twice and
 * nothing left (links, host-local allocations, records, status).
 *
 * <p>The only changes to the examples are the machine-specific values, visible at the top of
 * each test: the LAN NIC {@code eth0} becomes one end of a {@link HostVeth} (this host has a real
 * {@code eth0}), bridge names become names unique to the run, host-local keeps its allocations
 * under the node's temp dir.
 */
@NetnsTest
class ExamplesEndToEndTest {
    private static final String MASTER_ETH0 = "\"master\": \"eth0\"";

    private Node node;
    private Runnable pendingDel = () -> { };

    @BeforeEach
    void startNode() {
        node = new Node();
    }

    @AfterEach
    void stopNode() {
        try {
            // A test that failed between ADD and DEL must not leave state outside its temp dir
            // (tuning's /run/cni/tuning backup, a host device inside the pod).
            pendingDel.run();
        } finally {
            node.close();
        }
    }

    @Test
    void givenMacvlanExample_whenAddAndDel_thenNet1IsAMacvlanOnTheLanUntilDel(Netns netns, HostVeth lan) {
        ExamplePod pod = apply(ExampleManifests.of("macvlan")
                .replace(MASTER_ETH0, master(lan))
                .hostLocalDataDir(node.ipamDir()), "macvlan-pod");

        add(pod, netns);

        JsonNode net1 = IpShow.link(netns, "net1");
        assertThat(net1.path("linkinfo").path("info_kind").asText()).isEqualTo("macvlan");
        assertThat(net1.path("linkinfo").path("info_data").path("mode").asText()).isEqualTo("bridge");
        assertThat(netns.ipv4Addresses("net1")).singleElement().asString().matches("192\\.168\\.1\\.2(0\\d|1[0-6])/24");
        assertThat(status(pod, "net1").path("name").asText()).isEqualTo("default/macvlan-conf");
        assertThat(node.allocations()).hasSize(2);
        delTwiceLeavesNothing(pod, netns);
    }

    @Test
    void givenIpvlanExample_whenAddAndDel_thenNet1SharesTheMastersMacUntilDel(Netns netns, HostVeth lan) {
        assumeKernelHasIpvlan(lan);
        ExamplePod pod = apply(ExampleManifests.of("ipvlan")
                .replace(MASTER_ETH0, master(lan))
                .hostLocalDataDir(node.ipamDir()), "ipvlan-pod");

        add(pod, netns);

        JsonNode net1 = IpShow.link(netns, "net1");
        assertThat(net1.path("linkinfo").path("info_kind").asText()).isEqualTo("ipvlan");
        assertThat(net1.path("address").asText()).isEqualTo(IpShow.hostMac(lan.master()));
        assertThat(netns.ipv4Addresses("net1")).singleElement().asString().matches("192\\.168\\.1\\.2(2\\d|3[0-6])/24");
        delTwiceLeavesNothing(pod, netns);
    }

    @Test
    void givenBridgeExample_whenAddAndDel_thenNet1IsAPortOfTheBridgeUntilDel(Netns netns) {
        String bridge = node.bridge("pods");
        ExamplePod pod = apply(ExampleManifests.of("bridge")
                .replace("\"bridge\": \"br-pods\"", "\"bridge\": \"" + bridge + "\"")
                .hostLocalDataDir(node.ipamDir()), "bridge-pod");

        add(pod, netns);

        assertThat(IpShow.link(netns, "net1").path("linkinfo").path("info_kind").asText()).isEqualTo("veth");
        assertThat(netns.ipv4Addresses("net1")).singleElement().asString().startsWith("10.10.0.");
        assertThat(IpShow.bridgePorts(bridge)).hasSize(1);
        delTwiceLeavesNothing(pod, netns);
        assertThat(IpShow.bridgePorts(bridge)).isEmpty();
    }

    @Test
    void givenHostDeviceExample_whenAddAndDel_thenTheDeviceMovesIntoThePodAndBack(Netns netns, HostVeth eth1) {
        String device = eth1.master();
        String mac = IpShow.hostMac(device);
        ExamplePod pod = apply(ExampleManifests.of("host-device")
                .replace("\"device\": \"eth1\"", "\"device\": \"" + device + "\""), "host-device-pod");

        add(pod, netns);

        assertThat(IpShow.hostHasLink(device)).as("%s still on the host", device).isFalse();
        assertThat(IpShow.link(netns, "net1").path("address").asText()).isEqualTo(mac);
        assertThat(netns.ipv4Addresses("net1")).containsExactly("10.20.0.10/24");
        delTwiceLeavesNothing(pod, netns);
        assertThat(IpShow.hostMac(device)).as("%s back on the host", device).isEqualTo(mac);
    }

    @Test
    void givenTuningSbrExample_whenAddAndDel_thenNet1IsTunedAndRoutesBySourceUntilDel(Netns netns, HostVeth lan) {
        ExamplePod pod = apply(ExampleManifests.of("tuning-sbr")
                .replace(MASTER_ETH0, master(lan))
                .hostLocalDataDir(node.ipamDir()), "tuning-sbr-pod");

        add(pod, netns);

        assertThat(IpShow.link(netns, "net1").path("mtu").asInt()).isEqualTo(1400);
        assertThat(netns.run("cat", "/proc/sys/net/ipv4/conf/net1/arp_ignore").trim()).isEqualTo("1");
        assertThat(netns.run("cat", "/proc/sys/net/ipv4/conf/net1/arp_announce").trim()).isEqualTo("2");
        String address = netns.ipv4Addresses("net1").getFirst().split("/")[0];
        assertThat(IpShow.rules(netns)).contains("from " + address + " lookup 100");
        assertThat(IpShow.routes(netns, "100")).contains("default via 192.168.1.1 dev net1", "192.168.1.0/24 dev net1");
        assertThat(IpShow.routes(netns, "main")).noneMatch(route -> route.endsWith("dev net1"));
        delTwiceLeavesNothing(pod, netns);
        assertThat(IpShow.rules(netns)).containsExactly("from all lookup local", "from all lookup main", "from all lookup default");
        assertThat(IpShow.routes(netns, "100")).isEmpty();
        // tuning keeps the interface's original settings in /run/cni/tuning/<container>_<ifname>.json until DEL.
        assertThat(Path.of("/run/cni/tuning", containerId(pod) + "_net1.json")).doesNotExist();
    }

    @Test
    void givenStaticIpsExample_whenAddAndDel_thenNet1HasTheRequestedAddressAndMacUntilDel(Netns netns, HostVeth lan) {
        ExamplePod pod = apply(ExampleManifests.of("static-ips")
                .replace(MASTER_ETH0, master(lan)), "static-ips-pod");

        add(pod, netns);

        assertThat(netns.ipv4Addresses("net1")).containsExactly("192.168.1.50/24");
        assertThat(IpShow.link(netns, "net1").path("address").asText()).isEqualTo("02:42:c0:a8:01:32");
        JsonNode status = status(pod, "net1");
        assertThat(status.path("ips").get(0).asText()).isEqualTo("192.168.1.50");
        assertThat(status.path("mac").asText()).isEqualTo("02:42:c0:a8:01:32");
        delTwiceLeavesNothing(pod, netns);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ifname-text", "ifname-json"})
    void givenCustomIfnameExample_whenAddAndDel_thenThePodHasTheNamedInterfacesUntilDel(String podName, Netns netns, HostVeth lan) {
        ExamplePod pod = apply(ExampleManifests.of("custom-ifname")
                .replace(MASTER_ETH0, master(lan))
                .replace("\"bridge\": \"br-backend\"", "\"bridge\": \"" + node.bridge("back") + "\"")
                .hostLocalDataDir(node.ipamDir()), podName);

        add(pod, netns);

        assertThat(netns.linkNames()).containsExactlyInAnyOrder("lo", "eth0", "front0", "back0");
        assertThat(netns.ipv4Addresses("front0")).singleElement().asString().matches("192\\.168\\.1\\.2(4\\d|50)/24");
        assertThat(netns.ipv4Addresses("back0")).singleElement().asString().startsWith("10.30.0.");
        assertThat(status(pod, "front0").path("name").asText()).isEqualTo("default/frontend");
        assertThat(status(pod, "back0").path("name").asText()).isEqualTo("default/backend");
        delTwiceLeavesNothing(pod, netns);
    }

    @Test
    void givenDefaultRouteExample_whenAddAndDel_thenNet1OwnsTheDefaultRouteUntilDel(Netns netns, HostVeth lan) {
        ExamplePod pod = apply(ExampleManifests.of("default-route")
                .replace(MASTER_ETH0, master(lan))
                .hostLocalDataDir(node.ipamDir()), "default-route-pod");

        add(pod, netns);

        assertThat(IpShow.routes(netns, "main")).filteredOn(route -> route.startsWith("default"))
                .containsExactly("default via 192.168.1.1 dev net1");
        assertThat(status(pod, "eth0").path("default").asBoolean()).isFalse();
        assertThat(status(pod, "net1").path("default").asBoolean()).isTrue();
        delTwiceLeavesNothing(pod, netns);
    }

    /**
     * Calico's own ADD needs its datastore and the pod in a real API server, so the node's bridge
     * network stands in for Calico on eth0; flannel runs from the example's NAD unchanged but
     * for the paths of its subnet file, its scratch dir, its bridge and its delegate's IPAM.
     */
    @Test
    void givenFlannelCalicoExample_whenAddAndDel_thenNet1IsOnFlannelUntilDel(Netns netns) throws IOException {
        // Calico never runs here (see above): only flannel must be installed, where Debian's
        // plugins are or where flannel's own installer puts it.
        Path flannelBinary = Stream.of(CniPlugins.DIR, Path.of("/opt/cni/bin")).map(dir -> dir.resolve("flannel"))
                .filter(Files::isExecutable).findFirst().orElse(null);
        Assumptions.assumeTrue(flannelBinary != null, "the flannel CNI plugin is in neither " + CniPlugins.DIR
                + " nor /opt/cni/bin (Debian's containernetworking-plugins does not ship it)");
        node.daemonConfig().put("binDir", CniPlugins.DIR + ":" + flannelBinary.getParent());
        Path flannel = Files.createDirectories(node.dir.resolve("flannel"));
        ExampleManifests example = ExampleManifests.of("flannel-calico");
        Path subnetEnv = Files.copy(example.file("subnet.env"), flannel.resolve("subnet.env"));
        ExamplePod pod = apply(example
                .replace("\"subnetFile\": \"/run/flannel/subnet.env\"", "\"subnetFile\": \"" + subnetEnv + "\"")
                .replace("\"dataDir\": \"/var/lib/cni/flannel\"", "\"dataDir\": \"" + flannel.resolve("data") + "\"")
                .replace("\"type\": \"flannel\",", "\"type\": \"flannel\", \"ipam\": {\"dataDir\": \"" + node.ipamDir() + "\"},")
                .replace("\"bridge\": \"cni0\"", "\"bridge\": \"" + node.bridge("flan") + "\""), "flannel-pod");

        add(pod, netns);

        assertThat(netns.ipv4Addresses("net1")).singleElement().asString().startsWith("10.244.1.");
        assertThat(IpShow.link(netns, "net1").path("mtu").asInt()).isEqualTo(1450);
        assertThat(IpShow.routes(netns, "main")).contains("10.244.0.0/16 via 10.244.1.1 dev net1")
                .filteredOn(route -> route.startsWith("default")).allMatch(route -> route.endsWith("dev eth0"));
        delTwiceLeavesNothing(pod, netns);
        try (Stream<Path> scratch = Files.list(flannel.resolve("data"))) {
            assertThat(scratch).isEmpty();
        }
    }

    private ExamplePod apply(ExampleManifests example, String podName) {
        example.copyInto(node);
        node.start();
        return example.pod(podName);
    }

    private void add(ExamplePod pod, Netns netns) {
        pendingDel = () -> shim("DEL", pod, netns);
        ProcessResult add = shim("ADD", pod, netns);
        assertThat(add.exit()).as("ADD of %s: %s", pod, add).isZero();
        ProcessResult check = shim("CHECK", pod, netns);
        assertThat(check.exit()).as("CHECK of %s: %s", pod, check).isZero();
    }

    /** DEL, twice: each time exit 0 and no link, allocation, record or status left. */
    private void delTwiceLeavesNothing(ExamplePod pod, Netns netns) {
        for (int i = 1; i <= 2; i++) {
            ProcessResult del = shim("DEL", pod, netns);
            assertThat(del.exit()).as("DEL #%d of %s: %s", i, pod, del).isZero();
            assertThat(netns.linkNames()).as("links after DEL #%d", i).containsExactly("lo");
            assertThat(node.allocations()).as("host-local allocations after DEL #%d", i).isEmpty();
            assertThat(node.records()).as("records after DEL #%d", i).isEmpty();
            assertThat(node.status(pod.namespace(), pod.name())).as("network-status after DEL #%d", i).isNull();
        }
        pendingDel = () -> { };
    }

    private ProcessResult shim(String command, ExamplePod pod, Netns netns) {
        return node.shim(command, containerId(pod), netns.path(), "eth0", pod.namespace(), pod.name(), null);
    }

    private static String containerId(ExamplePod pod) {
        return "ex-" + pod.name();
    }

    private static String master(HostVeth lan) {
        return "\"master\": \"" + lan.master() + "\"";
    }

    private JsonNode status(ExamplePod pod, String ifName) {
        for (JsonNode entry : node.status(pod.namespace(), pod.name())) {
            if (entry.path("interface").asText().equals(ifName)) {
                return entry;
            }
        }
        throw new AssertionError("no network-status entry for " + ifName + " in " + node.status(pod.namespace(), pod.name()));
    }

    private static void assumeKernelHasIpvlan(HostVeth lan) {
        String probe = lan.master() + "i";
        try {
            Commands.run("ip", "link", "add", "link", lan.master(), "name", probe, "type", "ipvlan", "mode", "l2");
        } catch (IllegalStateException e) {
            // Only a kernel without the link type skips; any other failure is a failure.
            if (!String.valueOf(e.getMessage()).matches("(?s).*(Unknown device type|not supported|Operation not supported).*")) {
                throw e;
            }
            Assumptions.abort("the kernel has no ipvlan link type (" + e.getMessage() + ")");
        }
        Commands.run("ip", "link", "del", probe);
    }
}

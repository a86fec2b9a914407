package dev.manifold.delegates.invoke;

import dev.manifold.delegates.config.NetConfList;
import dev.manifold.delegates.config.RuntimeConfig;
import dev.manifold.delegates.exec.PluginCall;
import dev.manifold.delegates.result.CniResult;
import dev.manifold.delegates.result.Result1x;
import dev.manifold.testkit.Commands;
import dev.manifold.testkit.HostVeth;
import dev.manifold.testkit.Netns;
import dev.manifold.testkit.NetnsTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Single real plugins with real IPAM, in real namespaces: ADD, then DEL (twice). */
@NetnsTest
class RealPluginsTest {
    @TempDir
    Path dataDir;

    private RealPlugins plugins;

    @BeforeEach
    void scenario() {
        plugins = new RealPlugins(dataDir);
    }

    @AfterEach
    void deleteBridge() {
        plugins.close();
    }

    @Test
    void givenBridgeWithHostLocal_whenAdd_thenNamespaceHasTheAllocatedAddress(Netns netns) {
        NetConfList list = plugins.with("VERSION", "1.0.0").list("bridge.conflist");

        CniResult result = plugins.add(list, plugins.callInto(netns, "eth0"), RuntimeConfig.empty());

        assertThat(netns.ipv4Addresses("eth0")).containsExactly(plugins.subnet + ".2/24");
        assertThat(((Result1x) result).ips()).singleElement()
                .satisfies(ip -> assertThat(ip.address()).isEqualTo(plugins.subnet + ".2/24"));
        assertThat(netns.routes().findValues("dst")).extracting(n -> n.asText()).contains("default");
        assertThat(plugins.allocated("mfbridge")).containsExactly(plugins.subnet + ".2");
    }

    @Test
    void givenBridgeAttachment_whenDel_thenLinkAndAllocationAreGone(Netns netns) {
        NetConfList list = plugins.with("VERSION", "1.0.0").list("bridge.conflist");
        PluginCall call = plugins.callInto(netns, "eth0");
        CniResult result = plugins.add(list, call, RuntimeConfig.empty());

        plugins.invoker.del(list, call, RuntimeConfig.empty(), Optional.of(result));

        assertThat(netns.linkNames()).containsExactly("lo");
        assertThat(plugins.allocated("mfbridge")).isEmpty();
    }

    @Test
    void givenBridgeAttachmentAlreadyDeleted_whenDelAgain_thenItSucceeds(Netns netns) {
        NetConfList list = plugins.with("VERSION", "1.0.0").list("bridge.conflist");
        PluginCall call = plugins.callInto(netns, "eth0");
        CniResult result = plugins.add(list, call, RuntimeConfig.empty());
        plugins.invoker.del(list, call, RuntimeConfig.empty(), Optional.of(result));

        plugins.invoker.del(list, call, RuntimeConfig.empty(), Optional.of(result));

        assertThat(netns.linkNames()).containsExactly("lo");
        assertThat(plugins.allocated("mfbridge")).isEmpty();
    }

    @Test
    void givenMacvlanOnHostVeth_whenAddThenDel_thenAddressComesAndGoes(Netns netns, HostVeth veth) {
        NetConfList list = plugins.with("MASTER", veth.master()).list("macvlan.conflist");
        PluginCall call = plugins.callInto(netns, "net1");

        plugins.add(list, call, RuntimeConfig.empty());
        assertThat(netns.ipv4Addresses("net1")).containsExactly(plugins.subnet + ".2/24");
        assertThat(plugins.allocated("mfmacvlan")).containsExactly(plugins.subnet + ".2");

        plugins.invoker.del(list, call, RuntimeConfig.empty(), Optional.empty());
        plugins.invoker.del(list, call, RuntimeConfig.empty(), Optional.empty());
        assertThat(netns.linkNames()).containsExactly("lo");
        assertThat(plugins.allocated("mfmacvlan")).isEmpty();
    }

    @Test
    void givenPtpWithHostLocal_whenAddThenDel_thenAddressAndHostRouteComeAndGo(Netns netns) {
        NetConfList list = plugins.list("ptp.conflist");
        PluginCall call = plugins.callInto(netns, "eth0");

        CniResult result = plugins.add(list, call, RuntimeConfig.empty());
        assertThat(netns.ipv4Addresses("eth0")).containsExactly(plugins.subnet + ".2/24");
        assertThat(Commands.run("ip", "route", "show", plugins.subnet + ".2")).isNotBlank();

        plugins.invoker.del(list, call, RuntimeConfig.empty(), Optional.of(result));
        plugins.invoker.del(list, call, RuntimeConfig.empty(), Optional.of(result));
        assertThat(netns.linkNames()).containsExactly("lo");
        assertThat(Commands.run("ip", "route", "show", plugins.subnet + ".2")).isBlank();
        assertThat(plugins.allocated("mfptp")).isEmpty();
    }

    @Test
    void givenMacvlanWithStaticIpam_whenAdd_thenTheConfiguredAddressIsSet(Netns netns, HostVeth veth) {
        NetConfList list = plugins.with("MASTER", veth.master()).list("macvlan-static.conflist");
        PluginCall call = plugins.callInto(netns, "net1");

        CniResult result = plugins.add(list, call, RuntimeConfig.empty());
        assertThat(netns.ipv4Addresses("net1")).containsExactly(plugins.subnet + ".77/24");

        plugins.invoker.del(list, call, RuntimeConfig.empty(), Optional.of(result));
        plugins.invoker.del(list, call, RuntimeConfig.empty(), Optional.of(result));
        assertThat(netns.linkNames()).containsExactly("lo");
    }

    @Test
    void givenIpvlanOnHostVeth_whenAddThenDel_thenAddressComesAndGoes(Netns netns, HostVeth veth) {
        assumeKernelHasIpvlan(veth);
        NetConfList list = plugins.with("MASTER", veth.master()).list("ipvlan.conflist");
        PluginCall call = plugins.callInto(netns, "net1");

        plugins.add(list, call, RuntimeConfig.empty());
        assertThat(netns.ipv4Addresses("net1")).containsExactly(plugins.subnet + ".2/24");

        plugins.invoker.del(list, call, RuntimeConfig.empty(), Optional.empty());
        plugins.invoker.del(list, call, RuntimeConfig.empty(), Optional.empty());
        assertThat(netns.linkNames()).containsExactly("lo");
    }

    /**
     * Skips (even in CI) on a kernel built without ipvlan: a limit of the machine, not of the
     * setup that {@code manifold.requireNetns} guards.
     */
    private static void assumeKernelHasIpvlan(HostVeth veth) {
        String probe = "mfipv" + Long.toHexString(System.nanoTime() & 0xffffff);
        try {
            Commands.run("ip", "link", "add", probe, "link", veth.master(), "type", "ipvlan", "mode", "l2");
        } catch (IllegalStateException e) {
            Assumptions.abort("kernel has no ipvlan link type: " + e.getMessage());
        }
        Commands.run("ip", "link", "del", probe);
    }
}

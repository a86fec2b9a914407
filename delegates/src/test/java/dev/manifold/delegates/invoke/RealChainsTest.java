package dev.manifold.delegates.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import dev.manifold.delegates.config.Capability;
import dev.manifold.delegates.config.NetConfList;
import dev.manifold.delegates.config.RuntimeConfig;
import dev.manifold.delegates.exec.PluginCall;
import dev.manifold.delegates.result.CniResult;
import dev.manifold.delegates.spec.CniException;
import dev.manifold.testkit.Commands;
import dev.manifold.testkit.HostVeth;
import dev.manifold.testkit.Netns;
import dev.manifold.testkit.NetnsTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Real conflists whose later plugins work on the earlier ones' result (prevResult). */
@NetnsTest
class RealChainsTest {
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
    void givenBridgeTuningChain_whenAdd_thenTuningSetTheMtu(Netns netns) {
        NetConfList list = plugins.list("bridge-tuning-portmap.conflist");

        plugins.add(list, plugins.callInto(netns, "eth0"), portMapping());

        assertThat(netns.ipv4Addresses("eth0")).containsExactly(plugins.subnet + ".2/24");
        assertThat(link(netns, "eth0").path("mtu").asInt()).isEqualTo(1280);
    }

    @Test
    void givenBridgePortmapChain_whenAdd_thenHostPortIsForwarded(Netns netns) {
        requireIptables();
        NetConfList list = plugins.list("bridge-tuning-portmap.conflist");

        plugins.add(list, plugins.callInto(netns, "eth0"), portMapping());

        assertThat(natRules()).anyMatch(rule -> rule.contains("--dport " + plugins.hostPort)
                && rule.contains(plugins.subnet + ".2:80"));
    }

    @Test
    void givenBridgeTuningPortmapAttachment_whenDelTwice_thenRulesLinkAndAllocationAreGone(Netns netns) {
        requireIptables();
        NetConfList list = plugins.list("bridge-tuning-portmap.conflist");
        PluginCall call = plugins.callInto(netns, "eth0");
        CniResult result = plugins.add(list, call, portMapping());

        plugins.invoker.del(list, call, portMapping(), Optional.of(result));
        plugins.invoker.del(list, call, portMapping(), Optional.of(result));

        assertThat(natRules()).noneMatch(rule -> rule.contains("--dport " + plugins.hostPort));
        assertThat(netns.linkNames()).containsExactly("lo");
        assertThat(plugins.allocated("mfchain")).isEmpty();
    }

    @Test
    void givenMacvlanSbrChain_whenAdd_thenSourceRuleAndItsTableExist(Netns netns, HostVeth veth) {
        NetConfList list = plugins.with("MASTER", veth.master()).list("macvlan-sbr.conflist");

        plugins.add(list, plugins.callInto(netns, "net1"), RuntimeConfig.empty());

        JsonNode rule = sourceRule(netns).orElseThrow(() -> new AssertionError("no rule: " + netns.rules()));
        String table = rule.path("table").asText();
        assertThat(netns.run("ip", "-4", "route", "show", "table", table)).contains("default via " + plugins.subnet + ".1");
    }

    @Test
    void givenMacvlanSbrAttachment_whenDel_thenSourceRuleAndAllocationAreGone(Netns netns, HostVeth veth) {
        NetConfList list = plugins.with("MASTER", veth.master()).list("macvlan-sbr.conflist");
        PluginCall call = plugins.callInto(netns, "net1");
        CniResult result = plugins.add(list, call, RuntimeConfig.empty());

        plugins.invoker.del(list, call, RuntimeConfig.empty(), Optional.of(result));

        assertThat(sourceRule(netns)).isEmpty();
        assertThat(netns.linkNames()).containsExactly("lo");
        assertThat(plugins.allocated("mfsbr")).isEmpty();
    }

    /**
     * Debian's sbr (plugins 1.1.1) is not idempotent: its DEL looks the link up first and fails
     * when macvlan's DEL already removed it. Later plugin releases ignore the missing link, as
     * the spec asks. Either way the plugin's own message must come through unchanged.
     */
    @Test
    void givenMacvlanSbrAttachmentDeleted_whenDelAgain_thenOnlySbrsMissingLinkErrorCanComeBack(Netns netns,
                                                                                               HostVeth veth) {
        NetConfList list = plugins.with("MASTER", veth.master()).list("macvlan-sbr.conflist");
        PluginCall call = plugins.callInto(netns, "net1");
        CniResult result = plugins.add(list, call, RuntimeConfig.empty());
        plugins.invoker.del(list, call, RuntimeConfig.empty(), Optional.of(result));

        Throwable second = catchThrowable(() -> plugins.invoker.del(list, call, RuntimeConfig.empty(), Optional.of(result)));

        if (second != null) {
            assertThat(second).isInstanceOfSatisfying(CniException.class,
                    e -> assertThat(e.msg()).isEqualTo("Failed to get link net1: Link not found"));
        }
        assertThat(sourceRule(netns)).isEmpty();
    }

    private Optional<JsonNode> sourceRule(Netns netns) {
        return StreamSupport.stream(netns.rules().spliterator(), false)
                .filter(r -> (plugins.subnet + ".2").equals(r.path("src").asText()))
                .findFirst();
    }

    private RuntimeConfig portMapping() {
        try {
            return RuntimeConfig.empty().with(Capability.PORT_MAPPINGS,
                    InvokeFixtures.JSON.readTree(plugins.fixture("port-mapping.json")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode link(Netns netns, String name) {
        return StreamSupport.stream(netns.addresses().spliterator(), false)
                .filter(l -> name.equals(l.path("ifname").asText())).findFirst().orElseThrow();
    }

    private static List<String> natRules() {
        return Commands.run("iptables", "-t", "nat", "-S").lines().toList();
    }

    /** portmap runs iptables; CI installs it. Fails (not skips) without it: the plugin would fail anyway. */
    private static void requireIptables() {
        assertThat(Commands.succeeds("iptables", "-V")).as("iptables is installed").isTrue();
    }
}

package dev.manifold.delegates.invoke;

import dev.manifold.delegates.config.NetConfList;
import dev.manifold.delegates.config.RuntimeConfig;
import dev.manifold.delegates.exec.PluginCall;
import dev.manifold.delegates.result.CniResult;
import dev.manifold.delegates.spec.CniException;
import dev.manifold.delegates.spec.CniVersion;
import dev.manifold.testkit.Netns;
import dev.manifold.testkit.NetnsTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real plugins (CNI up to 1.0.0) at each spec version, and lists newer than they are. */
@NetnsTest
class RealVersionsTest {
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

    @ParameterizedTest
    @EnumSource(value = CniVersion.class, names = {"V0_2_0", "V0_3_1", "V0_4_0", "V1_0_0"})
    void givenBridgeAtVersion_whenAddThenDelTwice_thenAddressComesAndGoes(CniVersion version, Netns netns) {
        NetConfList list = plugins.with("VERSION", version.wire()).list("bridge.conflist");
        PluginCall call = plugins.callInto(netns, "eth0");

        CniResult result = plugins.add(list, call, RuntimeConfig.empty());
        assertThat(result.cniVersion()).isEqualTo(version);
        assertThat(netns.ipv4Addresses("eth0")).containsExactly(plugins.subnet + ".2/24");

        plugins.invoker.del(list, call, RuntimeConfig.empty(), Optional.of(result));
        plugins.invoker.del(list, call, RuntimeConfig.empty(), Optional.of(result));
        assertThat(netns.linkNames()).containsExactly("lo");
        assertThat(plugins.allocated("mfbridge")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = CniVersion.class, names = {"V0_4_0", "V1_0_0"})
    void givenBridgeAttachmentAtVersion_whenCheck_thenItPasses(CniVersion version, Netns netns) {
        NetConfList list = plugins.with("VERSION", version.wire()).list("bridge.conflist");
        PluginCall call = plugins.callInto(netns, "eth0");
        CniResult result = plugins.add(list, call, RuntimeConfig.empty());

        plugins.invoker.check(list, call, RuntimeConfig.empty(), result);

        plugins.invoker.del(list, call, RuntimeConfig.empty(), Optional.of(result));
    }

    @Test
    void givenList110_whenAddWithPluginsOf100_thenCode1NamesThePlugin(Netns netns) {
        NetConfList list = plugins.list("bridge-1.1.0.conflist");

        assertThatThrownBy(() -> plugins.add(list, plugins.callInto(netns, "eth0"), RuntimeConfig.empty()))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(1);
                    assertThat(e.msg()).isEqualTo("plugin \"bridge\" does not support CNI version 1.1.0"
                            + " (supports 0.1.0, 0.2.0, 0.3.0, 0.3.1, 0.4.0, 1.0.0)");
                });
        assertThat(netns.linkNames()).containsExactly("lo");
    }

    @Test
    void givenListOffering100And110_whenAddWithPluginsOf100_thenItRunsAt100(Netns netns) {
        NetConfList list = plugins.list("bridge-offering-1.0.0-1.1.0.conflist");
        PluginCall call = plugins.callInto(netns, "eth0");

        CniResult result = plugins.add(list, call, RuntimeConfig.empty());

        assertThat(result.cniVersion()).isEqualTo(CniVersion.V1_0_0);
        assertThat(netns.ipv4Addresses("eth0")).containsExactly(plugins.subnet + ".2/24");
        plugins.invoker.del(list, call, RuntimeConfig.empty(), Optional.of(result));
    }

    @Test
    void givenListOffering100And110_whenGcWithPluginsOf100_thenNothingRunsAndNothingFails(Netns netns) {
        NetConfList list = plugins.list("bridge-offering-1.0.0-1.1.0.conflist");
        PluginCall call = plugins.callInto(netns, "eth0");
        CniResult result = plugins.add(list, call, RuntimeConfig.empty());

        plugins.invoker.gc(list, List.of());

        assertThat(plugins.allocated("mfoffer")).containsExactly(plugins.subnet + ".2");
        plugins.invoker.del(list, call, RuntimeConfig.empty(), Optional.of(result));
    }
}

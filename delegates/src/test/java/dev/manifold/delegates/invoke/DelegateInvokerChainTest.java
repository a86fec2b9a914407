package dev.manifold.delegates.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import dev.manifold.delegates.config.Capability;
import dev.manifold.delegates.config.NetConfList;
import dev.manifold.delegates.config.RuntimeConfig;
import dev.manifold.delegates.exec.PluginCall;
import dev.manifold.delegates.exec.PluginLocator;
import dev.manifold.delegates.exec.ProcessPluginExecutor;
import dev.manifold.delegates.result.CniResult;
import dev.manifold.delegates.result.Result1x;
import dev.manifold.delegates.spec.CniArgs;
import dev.manifold.delegates.spec.CniVersion;
import dev.manifold.testkit.FakePlugins;
import dev.manifold.testkit.FakePlugins.RecordedCall;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** How lists run as chains, observed through the recording fake plugin. */
class DelegateInvokerChainTest {
    @TempDir
    Path binDir;

    private DelegateInvoker invoker;

    @BeforeEach
    void installRecorders() {
        FakePlugins.install(binDir, "recorder", "rec-a");
        FakePlugins.install(binDir, "recorder", "rec-b");
        invoker = new DelegateInvoker(new PluginLocator(List.of(binDir)), new ProcessPluginExecutor(),
                Duration.ofSeconds(20));
    }

    @Test
    void givenConflist_whenAdd_thenSecondPluginGetsFirstResultAsPrevResult() {
        invoker.add(InvokeFixtures.list("chain.conflist"), InvokeFixtures.call(), RuntimeConfig.empty());

        List<RecordedCall> adds = FakePlugins.recordedCalls(binDir, "ADD");
        assertThat(adds).extracting(RecordedCall::plugin).containsExactly("rec-a", "rec-b");
        assertThat(adds.get(1).stdin().at("/prevResult/interfaces/0/name").asText()).isEqualTo("rec-a");
    }

    @Test
    void givenConflist_whenAdd_thenFirstPluginGetsNoPrevResult() {
        invoker.add(InvokeFixtures.list("chain.conflist"), InvokeFixtures.call(), RuntimeConfig.empty());

        assertThat(FakePlugins.recordedCalls(binDir, "ADD").get(0).stdin().has("prevResult")).isFalse();
    }

    @Test
    void givenConflist_whenAdd_thenLastPluginsResultIsReturned() {
        CniResult result = invoker.add(InvokeFixtures.list("chain.conflist"), InvokeFixtures.call(),
                RuntimeConfig.empty());

        assertThat(result).isInstanceOfSatisfying(Result1x.class, r -> {
            assertThat(r.cniVersion()).isEqualTo(CniVersion.V1_0_0);
            assertThat(r.interfaces().get(0).name()).isEqualTo("rec-b");
        });
    }

    @Test
    void givenConflist_whenAdd_thenEachPluginGetsListNameVersionAndItsOwnFields() {
        invoker.add(InvokeFixtures.list("chain.conflist"), InvokeFixtures.call(), RuntimeConfig.empty());

        JsonNode first = FakePlugins.recordedCalls(binDir, "ADD").get(0).stdin();
        assertThat(first.path("name").asText()).isEqualTo("chain");
        assertThat(first.path("cniVersion").asText()).isEqualTo("1.0.0");
        assertThat(first.path("vendorKnob").asInt()).isEqualTo(42);
    }

    @Test
    void givenRuntimeConfig_whenAdd_thenOnlyThePluginDeclaringTheCapabilityGetsIt() {
        RuntimeConfig runtime = RuntimeConfig.empty()
                .with(Capability.PORT_MAPPINGS, InvokeFixtures.json("port-mappings.json"))
                .with(Capability.BANDWIDTH, InvokeFixtures.JSON.createObjectNode().put("ingressRate", 1000));

        invoker.add(InvokeFixtures.list("chain.conflist"), InvokeFixtures.call(), runtime);

        List<RecordedCall> adds = FakePlugins.recordedCalls(binDir, "ADD");
        assertThat(adds.get(0).stdin().path("runtimeConfig"))
                .isEqualTo(InvokeFixtures.JSON.createObjectNode()
                        .set(Capability.PORT_MAPPINGS, InvokeFixtures.json("port-mappings.json")));
        assertThat(adds.get(1).stdin().has("runtimeConfig")).isFalse();
    }

    @Test
    void givenCall_whenAdd_thenEnvironmentIsExactlyTheCniVariablesAndPath() {
        invoker.add(InvokeFixtures.list("chain.conflist"), InvokeFixtures.call(), RuntimeConfig.empty());

        assertThat(FakePlugins.recordedCalls(binDir, "ADD").get(0).env()).isEqualTo(Map.of(
                "CNI_COMMAND", "ADD",
                "CNI_CONTAINERID", "ctr1",
                "CNI_NETNS", InvokeFixtures.NETNS,
                "CNI_IFNAME", "net1",
                "CNI_ARGS", "K8S_POD_NAME=web",
                "CNI_PATH", binDir.toString(),
                "PATH", PluginEnvironment.PATH));
    }

    @Test
    void givenCallWithoutNetnsOrArgs_whenDel_thenThoseVariablesAreLeftOut() {
        PluginCall call = new PluginCall("ctr1", Optional.empty(), "net1", CniArgs.empty());

        invoker.del(InvokeFixtures.list("chain.conflist"), call, RuntimeConfig.empty(), Optional.empty());

        assertThat(FakePlugins.recordedCalls(binDir, "DEL").get(0).env())
                .containsOnlyKeys("CNI_COMMAND", "CNI_CONTAINERID", "CNI_IFNAME", "CNI_PATH", "PATH");
    }

    @Test
    void givenCachedResult_whenDel_thenPluginsRunInReverseOrder() {
        invoker.del(InvokeFixtures.list("chain.conflist"), InvokeFixtures.call(), RuntimeConfig.empty(),
                Optional.of(InvokeFixtures.result("cached-result-1.0.0.json")));

        assertThat(FakePlugins.recordedCalls(binDir, "DEL")).extracting(RecordedCall::plugin)
                .containsExactly("rec-b", "rec-a");
    }

    @Test
    void givenCachedResult_whenDel_thenEveryPluginGetsItAsPrevResult() {
        CniResult cached = InvokeFixtures.result("cached-result-1.0.0.json");

        invoker.del(InvokeFixtures.list("chain.conflist"), InvokeFixtures.call(), RuntimeConfig.empty(),
                Optional.of(cached));

        assertThat(FakePlugins.recordedCalls(binDir, "DEL")).allSatisfy(call ->
                assertThat(call.stdin().path("prevResult")).isEqualTo(cached.toJson()));
    }

    @Test
    void givenListBefore040_whenDel_thenNoPrevResultIsPassed() {
        NetConfList list = InvokeFixtures.list("chain.conflist").withCniVersion(CniVersion.V0_3_1);

        invoker.del(list, InvokeFixtures.call(), RuntimeConfig.empty(),
                Optional.of(InvokeFixtures.result("cached-result-1.0.0.json")));

        assertThat(FakePlugins.recordedCalls(binDir, "DEL")).hasSize(2)
                .allSatisfy(call -> assertThat(call.stdin().has("prevResult")).isFalse());
    }

    @Test
    void givenCachedResult_whenCheck_thenEachPluginInOrderGetsIt() {
        CniResult cached = InvokeFixtures.result("cached-result-1.0.0.json");

        invoker.check(InvokeFixtures.list("chain.conflist"), InvokeFixtures.call(), RuntimeConfig.empty(), cached);

        List<RecordedCall> checks = FakePlugins.recordedCalls(binDir, "CHECK");
        assertThat(checks).extracting(RecordedCall::plugin).containsExactly("rec-a", "rec-b");
        assertThat(checks).allSatisfy(call -> assertThat(call.stdin().path("prevResult")).isEqualTo(cached.toJson()));
    }

    @Test
    void givenDisableCheck_whenCheck_thenNoPluginRuns() {
        invoker.check(InvokeFixtures.list("chain-disabled.conflist"), InvokeFixtures.call(), RuntimeConfig.empty(),
                InvokeFixtures.result("cached-result-1.0.0.json"));

        assertThat(FakePlugins.recordedCalls(binDir)).isEmpty();
    }

    @Test
    void givenList110_whenGc_thenEachPluginGetsTheValidAttachmentsUnderBothKeys() {
        NetConfList list = InvokeFixtures.list("chain.conflist").withCniVersion(CniVersion.V1_1_0);

        invoker.gc(list, List.of(new DelegateInvoker.ValidAttachment("ctr1", "net1")));

        JsonNode expected = InvokeFixtures.JSON.createArrayNode().add(
                InvokeFixtures.JSON.createObjectNode().put("containerID", "ctr1").put("ifname", "net1"));
        List<RecordedCall> gcs = FakePlugins.recordedCalls(binDir, "GC");
        assertThat(gcs).extracting(RecordedCall::plugin).containsExactly("rec-a", "rec-b");
        assertThat(gcs).allSatisfy(call -> {
            assertThat(call.stdin().path("cni.dev/valid-attachments")).isEqualTo(expected);
            assertThat(call.stdin().path("cni.dev/attachments")).isEqualTo(expected);
        });
    }

    @Test
    void givenList110_whenGc_thenEnvironmentHasOnlyCommandAndPaths() {
        NetConfList list = InvokeFixtures.list("chain.conflist").withCniVersion(CniVersion.V1_1_0);

        invoker.gc(list, List.of());

        assertThat(FakePlugins.recordedCalls(binDir, "GC").get(0).env()).isEqualTo(Map.of(
                "CNI_COMMAND", "GC", "CNI_PATH", binDir.toString(), "PATH", PluginEnvironment.PATH));
    }

    @Test
    void givenList100_whenGc_thenNothingRuns() {
        invoker.gc(InvokeFixtures.list("chain.conflist"), List.of());

        assertThat(FakePlugins.recordedCalls(binDir)).isEmpty();
    }

    @Test
    void givenDisableGc_whenGc_thenNothingRuns() {
        invoker.gc(InvokeFixtures.list("chain-disabled.conflist"), List.of());

        assertThat(FakePlugins.recordedCalls(binDir)).isEmpty();
    }

    @Test
    void givenList110_whenStatus_thenEachPluginRunsOnce() {
        NetConfList list = InvokeFixtures.list("chain.conflist").withCniVersion(CniVersion.V1_1_0);

        invoker.status(list);

        assertThat(FakePlugins.recordedCalls(binDir, "STATUS")).extracting(RecordedCall::plugin)
                .containsExactly("rec-a", "rec-b");
    }

    @Test
    void givenList100_whenStatus_thenNothingRuns() {
        invoker.status(InvokeFixtures.list("chain.conflist"));

        assertThat(FakePlugins.recordedCalls(binDir)).isEmpty();
    }
}

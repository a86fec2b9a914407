package dev.manifold.delegates.invoke;

import dev.manifold.delegates.config.RuntimeConfig;
import dev.manifold.delegates.exec.PluginLocator;
import dev.manifold.delegates.exec.ProcessPluginExecutor;
import dev.manifold.delegates.result.CniResult;
import dev.manifold.delegates.result.Result1x;
import dev.manifold.delegates.spec.CniException;
import dev.manifold.delegates.spec.CniVersion;
import dev.manifold.testkit.FakePlugins;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which version a list runs at, given what its plugins answer to VERSION. */
class VersionNegotiationTest {
    @TempDir
    Path binDir;

    private DelegateInvoker invoker;

    @BeforeEach
    void createInvoker() {
        invoker = new DelegateInvoker(new PluginLocator(List.of(binDir)), new ProcessPluginExecutor(),
                Duration.ofSeconds(20));
    }

    @Test
    void givenPluginSpeakingOnly031_whenAddAt100_thenCode1NamesPluginAndItsVersions() {
        FakePlugins.install(binDir, "only-031");

        assertThatThrownBy(() -> invoker.add(InvokeFixtures.listOf(CniVersion.V1_0_0, "only-031"),
                InvokeFixtures.call(), RuntimeConfig.empty()))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(1);
                    assertThat(e.msg()).isEqualTo("plugin \"only-031\" does not support CNI version 1.0.0 (supports 0.3.1)");
                });
    }

    @Test
    void givenPluginSpeakingOnly031_whenAddAt031_thenItRuns() {
        FakePlugins.install(binDir, "only-031");

        CniResult result = invoker.add(InvokeFixtures.listOf(CniVersion.V0_3_1, "only-031"), InvokeFixtures.call(),
                RuntimeConfig.empty());

        assertThat(result.cniVersion()).isEqualTo(CniVersion.V0_3_1);
    }

    @Test
    void givenListOfferingSeveralVersions_whenAdd_thenHighestThatEveryPluginSpeaksIsUsed() {
        FakePlugins.install(binDir, "recorder", "rec-a");
        FakePlugins.install(binDir, "only-031");

        CniResult result = invoker.add(InvokeFixtures.listOffering(
                List.of(CniVersion.V0_3_1, CniVersion.V1_0_0, CniVersion.V1_1_0), "rec-a", "only-031"),
                InvokeFixtures.call(), RuntimeConfig.empty());

        assertThat(result.cniVersion()).isEqualTo(CniVersion.V0_3_1);
        assertThat(FakePlugins.recordedCalls(binDir, "ADD").get(0).stdin().path("cniVersion").asText())
                .isEqualTo("0.3.1");
    }

    @Test
    void givenListOfferingNoVersionEveryPluginSpeaks_whenAdd_thenCode1NamesThePlugin() {
        FakePlugins.install(binDir, "recorder", "rec-a");
        FakePlugins.install(binDir, "only-031");

        assertThatThrownBy(() -> invoker.add(InvokeFixtures.listOffering(
                List.of(CniVersion.V1_0_0, CniVersion.V1_1_0), "rec-a", "only-031"),
                InvokeFixtures.call(), RuntimeConfig.empty()))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(1);
                    assertThat(e.msg()).startsWith("no CNI version of 1.0.0, 1.1.0 is supported by every plugin")
                            .contains("plugin \"only-031\"").doesNotContain("rec-a");
                });
    }

    @Test
    void givenPluginWithoutVersionCommand_whenAddAt040_thenCode1SaysOnly010IsAssumed() {
        FakePlugins.install(binDir, "no-version");

        assertThatThrownBy(() -> invoker.add(InvokeFixtures.listOf(CniVersion.V0_4_0, "no-version"),
                InvokeFixtures.call(), RuntimeConfig.empty()))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(1);
                    assertThat(e.msg()).isEqualTo("plugin \"no-version\" does not support CNI version 0.4.0"
                            + " (it did not answer VERSION, so only 0.1.0 is assumed)");
                });
    }

    @Test
    void givenPluginWithoutVersionCommand_whenAddAt010_thenItRuns() {
        FakePlugins.install(binDir, "no-version");

        CniResult result = invoker.add(InvokeFixtures.listOf(CniVersion.V0_1_0, "no-version"),
                InvokeFixtures.call(), RuntimeConfig.empty());

        assertThat(result.cniVersion()).isEqualTo(CniVersion.V0_1_0);
    }

    @Test
    void givenPluginAnsweringInAnOlderVersion_whenAdd_thenResultIsConvertedToTheListVersion() {
        FakePlugins.install(binDir, "old-result");

        CniResult result = invoker.add(InvokeFixtures.listOf(CniVersion.V1_0_0, "old-result"),
                InvokeFixtures.call(), RuntimeConfig.empty());

        assertThat(result).isInstanceOfSatisfying(Result1x.class, r -> {
            assertThat(r.cniVersion()).isEqualTo(CniVersion.V1_0_0);
            assertThat(r.ips().get(0).address()).isEqualTo("10.9.0.40/24");
        });
    }

    @Test
    void givenTwoAdds_whenRun_thenEachBinaryIsAskedForItsVersionsOnce() {
        FakePlugins.install(binDir, "recorder", "rec-a");

        invoker.add(InvokeFixtures.listOf(CniVersion.V1_0_0, "rec-a", "rec-a"), InvokeFixtures.call(), RuntimeConfig.empty());
        invoker.add(InvokeFixtures.listOf(CniVersion.V1_0_0, "rec-a"), InvokeFixtures.call(), RuntimeConfig.empty());

        assertThat(FakePlugins.recordedCalls(binDir, "VERSION")).hasSize(1);
    }

    @Test
    void givenBinaryReplacedSinceItWasAsked_whenAdd_thenItIsAskedAgain() throws IOException {
        Path plugin = FakePlugins.install(binDir, "recorder", "rec-a");
        invoker.add(InvokeFixtures.listOf(CniVersion.V1_0_0, "rec-a"), InvokeFixtures.call(), RuntimeConfig.empty());

        Files.writeString(plugin, "\n# upgraded\n", StandardOpenOption.APPEND);
        invoker.add(InvokeFixtures.listOf(CniVersion.V1_0_0, "rec-a"), InvokeFixtures.call(), RuntimeConfig.empty());

        assertThat(FakePlugins.recordedCalls(binDir, "VERSION")).hasSize(2);
    }

    @Test
    void givenVersionProbe_whenRun_thenItSendsTheListVersionOnStdinWithLifecycleEnv() {
        FakePlugins.install(binDir, "recorder", "rec-a");

        invoker.add(InvokeFixtures.listOf(CniVersion.V0_4_0, "rec-a"), InvokeFixtures.call(), RuntimeConfig.empty());

        FakePlugins.RecordedCall probe = FakePlugins.recordedCalls(binDir, "VERSION").getFirst();
        assertThat(probe.stdin()).isEqualTo(InvokeFixtures.JSON.createObjectNode().put("cniVersion", "0.4.0"));
        assertThat(probe.env()).containsOnlyKeys("CNI_COMMAND", "CNI_PATH", "PATH");
    }
}

package dev.manifold.delegates.invoke;

import dev.manifold.delegates.config.RuntimeConfig;
import dev.manifold.delegates.exec.PluginLocator;
import dev.manifold.delegates.exec.ProcessPluginExecutor;
import dev.manifold.delegates.spec.CniException;
import dev.manifold.delegates.spec.CniVersion;
import dev.manifold.testkit.FakePlugins;
import dev.manifold.testkit.FakePlugins.RecordedCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How plugin failures reach the caller. */
class DelegateInvokerFailureTest {
    @TempDir
    Path binDir;
    @TempDir
    Path otherBinDir;

    private DelegateInvoker invoker(Duration timeout) {
        return new DelegateInvoker(new PluginLocator(List.of(binDir, otherBinDir)), new ProcessPluginExecutor(),
                timeout);
    }

    private DelegateInvoker invoker() {
        return invoker(Duration.ofSeconds(20));
    }

    @Test
    void givenPluginPrintingGarbageOnAdd_whenAdd_thenCode6SaysTheResultIsInvalid() {
        FakePlugins.install(binDir, "garbage");

        assertThatThrownBy(() -> invoker().add(InvokeFixtures.listOf(CniVersion.V1_0_0, "garbage"),
                InvokeFixtures.call(), RuntimeConfig.empty()))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(6);
                    assertThat(e.msg()).startsWith("plugin \"garbage\" printed an invalid result: ");
                });
    }

    @Test
    void givenPluginPrintingNothingOnAdd_whenAdd_thenCode6SaysThereIsNoResult() {
        FakePlugins.install(binDir, "silent");

        assertThatThrownBy(() -> invoker().add(InvokeFixtures.listOf(CniVersion.V1_0_0, "silent"),
                InvokeFixtures.call(), RuntimeConfig.empty()))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(6);
                    assertThat(e.msg()).isEqualTo("plugin \"silent\" printed no result");
                });
    }

    @Test
    void givenPluginFailingWithItsOwnErrorObject_whenAdd_thenItsCodeAndMessageAreKept() {
        FakePlugins.install(binDir, "busy");

        assertThatThrownBy(() -> invoker().add(InvokeFixtures.listOf(CniVersion.V1_0_0, "busy"),
                InvokeFixtures.call(), RuntimeConfig.empty()))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(11);
                    assertThat(e.msg()).isEqualTo("busy");
                    assertThat(e.details()).isEqualTo("try again in a second");
                });
    }

    @Test
    void givenPluginFailingWithOnlyStderr_whenDel_thenCode999CarriesStderr() {
        FakePlugins.install(binDir, "stderr-fail");

        assertThatThrownBy(() -> invoker().del(InvokeFixtures.listOf(CniVersion.V1_0_0, "stderr-fail"),
                InvokeFixtures.call(), RuntimeConfig.empty(), Optional.empty()))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(999);
                    assertThat(e.msg()).isEqualTo("plugin \"stderr-fail\" failed (exit 3)");
                    assertThat(e.details()).isEqualTo("starting up\nfailed to frobnicate eth0: device busy");
                });
    }

    @Test
    void givenPluginMissingFromEveryBinDir_whenAdd_thenCode7ListsTheDirs() {
        assertThatThrownBy(() -> invoker().add(InvokeFixtures.listOf(CniVersion.V1_0_0, "nosuch"),
                InvokeFixtures.call(), RuntimeConfig.empty()))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(7);
                    assertThat(e.msg()).isEqualTo("plugin \"nosuch\" not found in [" + binDir + ", " + otherBinDir + "]");
                });
    }

    @Test
    void givenSecondPluginMissing_whenAdd_thenFirstNeverRuns() {
        FakePlugins.install(binDir, "recorder", "rec-a");

        assertThatThrownBy(() -> invoker().add(InvokeFixtures.listOf(CniVersion.V1_0_0, "rec-a", "nosuch"),
                InvokeFixtures.call(), RuntimeConfig.empty()))
                .isInstanceOf(CniException.class);
        assertThat(FakePlugins.recordedCalls(binDir, "ADD")).isEmpty();
    }

    @Test
    void givenTypeWithPathSeparator_whenAdd_thenCode7() {
        assertThatThrownBy(() -> invoker().add(InvokeFixtures.listOf(CniVersion.V1_0_0, "../bin/sh"),
                InvokeFixtures.call(), RuntimeConfig.empty()))
                .isInstanceOfSatisfying(CniException.class, e -> assertThat(e.code()).isEqualTo(7));
    }

    @Test
    void givenPluginThatHangs_whenAddWithShortTimeout_thenCode999SaysItWasKilled() {
        FakePlugins.install(binDir, "hang");

        assertThatThrownBy(() -> invoker(Duration.ofSeconds(1)).add(InvokeFixtures.listOf(CniVersion.V1_0_0, "hang"),
                InvokeFixtures.call(), RuntimeConfig.empty()))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(999);
                    assertThat(e.msg()).isEqualTo("plugin \"hang\" timed out after 1s and was killed");
                });
    }

    @Test
    void givenFirstPluginFailingGc_whenGc_thenTheOthersStillRun() {
        FakePlugins.install(binDir, "busy");
        FakePlugins.install(binDir, "recorder", "rec-a");

        assertThatThrownBy(() -> invoker().gc(InvokeFixtures.listOf(CniVersion.V1_1_0, "busy", "rec-a"), List.of()))
                .isInstanceOf(CniException.class);
        assertThat(FakePlugins.recordedCalls(binDir, "GC")).extracting(RecordedCall::plugin).containsExactly("rec-a");
    }

    @Test
    void givenTwoPluginsFailingGc_whenGc_thenFirstFailureIsThrownWithTheOtherSuppressed() {
        FakePlugins.install(binDir, "busy");
        FakePlugins.install(binDir, "stderr-fail");

        assertThatThrownBy(() -> invoker().gc(InvokeFixtures.listOf(CniVersion.V1_1_0, "busy", "stderr-fail"), List.of()))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(11);
                    assertThat(e.getSuppressed()).singleElement()
                            .isInstanceOfSatisfying(CniException.class, s -> assertThat(s.code()).isEqualTo(999));
                });
    }

    @Test
    void givenPluginFailingStatus_whenStatus_thenItsErrorIsThrown() {
        FakePlugins.install(binDir, "busy");

        assertThatThrownBy(() -> invoker().status(InvokeFixtures.listOf(CniVersion.V1_1_0, "busy")))
                .isInstanceOfSatisfying(CniException.class, e -> assertThat(e.code()).isEqualTo(11));
    }

    @Test
    void givenListBefore040_whenCheck_thenCode1() {
        FakePlugins.install(binDir, "recorder", "rec-a");

        assertThatThrownBy(() -> invoker().check(InvokeFixtures.listOf(CniVersion.V0_3_1, "rec-a"),
                InvokeFixtures.call(), RuntimeConfig.empty(), InvokeFixtures.result("cached-result-1.0.0.json")))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(1);
                    assertThat(e.msg()).isEqualTo("configuration version 0.3.1 does not support the CHECK command");
                });
    }
}

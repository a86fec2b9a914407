package dev.manifold.delegates.exec;

import dev.manifold.delegates.spec.CniException;
import dev.manifold.testkit.FakePlugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessPluginExecutorTest {
    private static final Map<String, String> PATH_ONLY = Map.of("PATH", "/usr/bin:/bin");
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path binDir;

    private final ProcessPluginExecutor executor = new ProcessPluginExecutor();

    @Test
    void givenStdin_whenExecute_thenPluginReadsIt() {
        Path plugin = FakePlugins.install(binDir, "echo-env");

        ExecOutput out = executor.execute(plugin, PATH_ONLY, bytes("{\"cniVersion\":\"1.0.0\"}"), TIMEOUT);

        assertThat(text(out.stdout())).isEqualTo("{\"cniVersion\":\"1.0.0\"}");
    }

    @Test
    void givenEnv_whenExecute_thenPluginSeesExactlyThatEnvironment() {
        Path plugin = FakePlugins.install(binDir, "echo-env");
        Map<String, String> env = Map.of("PATH", "/usr/bin:/bin", "CNI_COMMAND", "ADD", "CNI_IFNAME", "net1");

        ExecOutput out = executor.execute(plugin, env, new byte[0], TIMEOUT);

        assertThat(environment(out)).isEqualTo(env);
    }

    @Test
    void givenEmptyEnv_whenExecute_thenPluginGetsAnEmptyEnvironment() {
        Path plugin = FakePlugins.install(binDir, "echo-env");

        ExecOutput out = executor.execute(plugin, Map.of(), new byte[0], TIMEOUT);

        assertThat(environment(out)).isEmpty();
    }

    @Test
    void givenNonZeroExit_whenExecute_thenTheExitCodeIsReturned() {
        Path plugin = FakePlugins.install(binDir, "echo-env");

        ExecOutput out = executor.execute(plugin, Map.of("EXIT_CODE", "42"), bytes("x"), TIMEOUT);

        assertThat(out.exitCode()).isEqualTo(42);
    }

    @Test
    void givenPluginThatHangs_whenTimeoutPasses_thenCode999SaysItWasKilled() {
        Path plugin = FakePlugins.install(binDir, "hang");
        Instant start = Instant.now();

        assertThatThrownBy(() -> executor.execute(plugin, Map.of("PATH", "/usr/bin:/bin", "CNI_COMMAND", "ADD"),
                new byte[0], Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(999);
                    assertThat(e.msg()).isEqualTo("plugin \"hang\" timed out after 1s and was killed");
                });
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void givenPluginThatHangsInAChild_whenTimeoutPasses_thenPluginAndChildAreGone() throws IOException {
        Path plugin = FakePlugins.install(binDir, "hang");

        try {
            executor.execute(plugin, Map.of("PATH", "/usr/bin:/bin", "CNI_COMMAND", "ADD"), new byte[0],
                    Duration.ofSeconds(1));
        } catch (CniException expected) {
            // asserted in the test above
        }

        long[] pids = Files.readAllLines(binDir.resolve("hang.pids")).stream().mapToLong(Long::parseLong).toArray();
        assertThat(pids).hasSize(2);
        assertThat(Arrays.stream(pids).filter(ProcessPluginExecutorTest::running)).isEmpty();
    }

    @Test
    void givenCommandPrefix_whenExecute_thenPluginRunsThroughThePrefix() {
        Path plugin = FakePlugins.install(binDir, "echo-env");
        ProcessPluginExecutor prefixed = new ProcessPluginExecutor(List.of("/usr/bin/env", "MF_PREFIXED=yes"));

        ExecOutput out = prefixed.execute(plugin, PATH_ONLY, bytes("{\"cniVersion\":\"1.0.0\"}"), TIMEOUT);

        assertThat(text(out.stdout())).isEqualTo("{\"cniVersion\":\"1.0.0\"}");
        assertThat(environment(out)).containsOnly(Map.entry("PATH", "/usr/bin:/bin"), Map.entry("MF_PREFIXED", "yes"));
    }

    @Test
    void givenCommandPrefixAndPluginThatHangs_whenTimeoutPasses_thenCode999NamesThePlugin() {
        Path plugin = FakePlugins.install(binDir, "hang");
        ProcessPluginExecutor prefixed = new ProcessPluginExecutor(List.of("/usr/bin/env"));

        assertThatThrownBy(() -> prefixed.execute(plugin, Map.of("PATH", "/usr/bin:/bin", "CNI_COMMAND", "ADD"),
                new byte[0], Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(CniException.class, e -> assertThat(e.msg())
                        .isEqualTo("plugin \"hang\" timed out after 1s and was killed"));
    }

    @Test
    void givenFileThatCannotBeExecuted_whenExecute_thenCode999NamesThePlugin() throws IOException {
        Path plugin = Files.writeString(binDir.resolve("not-executable"), "#!/bin/sh\n");

        assertThatThrownBy(() -> executor.execute(plugin, PATH_ONLY, new byte[0], TIMEOUT))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(999);
                    assertThat(e.msg()).startsWith("plugin \"not-executable\" could not be run");
                });
    }

    @Test
    void givenPluginFloodingStdout_whenExecute_thenStdoutIsCutAtTheLimit() {
        Path plugin = FakePlugins.install(binDir, "flood");

        ExecOutput out = executor.execute(plugin, PATH_ONLY, new byte[0], TIMEOUT);

        assertThat(out.stdout()).hasSize(ProcessPluginExecutor.STDOUT_LIMIT);
    }

    @Test
    void givenPluginFloodingStderr_whenExecute_thenItsLastBytesAreKept() {
        Path plugin = FakePlugins.install(binDir, "flood");

        ExecOutput out = executor.execute(plugin, PATH_ONLY, new byte[0], TIMEOUT);

        assertThat(out.stderr()).hasSize(ProcessPluginExecutor.STDERR_LIMIT);
        assertThat(text(out.stderr())).endsWith("xxx\nlast line\n");
    }

    /** Alive and not a zombie waiting for its (new) parent to reap it. */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException gone) {
            return false;
        }
    }

    private static Map<String, String> environment(ExecOutput out) {
        return text(out.stderr()).lines().filter(l -> !l.isEmpty())
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}

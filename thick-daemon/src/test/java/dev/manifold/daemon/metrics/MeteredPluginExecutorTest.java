package dev.manifold.daemon.metrics;

import dev.manifold.delegates.exec.ExecOutput;
import dev.manifold.delegates.exec.PluginExecutor;
import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MeteredPluginExecutorTest {
    private static final Path MACVLAN = Path.of("/opt/cni/bin/macvlan");
    private static final Map<String, String> ADD = Map.of("CNI_COMMAND", "ADD");

    private final Histogram duration = Histogram.builder().name("d_seconds").labelNames("plugin", "command").classicOnly().build();
    private final Counter errors = Counter.builder().name("e_total").labelNames("plugin", "code").build();

    private MeteredPluginExecutor metered(PluginExecutor executor) {
        return new MeteredPluginExecutor(executor, duration, errors);
    }

    private static PluginExecutor answering(int exit, String stdout) {
        return (plugin, env, stdin, timeout) -> new ExecOutput(exit, stdout.getBytes(StandardCharsets.UTF_8), new byte[0]);
    }

    @Test
    void givenAnyRun_whenExecuted_thenTimedByBinaryNameAndCommand() {
        metered(answering(0, "{}")).execute(MACVLAN, ADD, new byte[0], Duration.ofSeconds(1));

        assertThat(duration.labelValues("macvlan", "ADD").getCount()).isEqualTo(1);
    }

    @Test
    void givenSuccess_whenExecuted_thenNoErrorCounted() {
        metered(answering(0, "{}")).execute(MACVLAN, ADD, new byte[0], Duration.ofSeconds(1));

        assertThat(errors.collect().getDataPoints()).isEmpty();
    }

    @Test
    void givenErrorObjectOnStdout_whenExecuted_thenCountedWithItsCode() {
        metered(answering(1, "{\"cniVersion\":\"1.0.0\",\"code\":11,\"msg\":\"busy\"}"))
                .execute(MACVLAN, ADD, new byte[0], Duration.ofSeconds(1));

        assertThat(errors.labelValues("macvlan", "11").get()).isEqualTo(1.0);
    }

    @Test
    void givenNonZeroExitWithoutErrorObject_whenExecuted_thenCountedAs999() {
        metered(answering(3, "oops")).execute(MACVLAN, ADD, new byte[0], Duration.ofSeconds(1));

        assertThat(errors.labelValues("macvlan", "999").get()).isEqualTo(1.0);
    }

    @Test
    void givenTimeout_whenExecuted_thenCountedWithTheExceptionsCodeAndRethrown() {
        PluginExecutor hanging = (plugin, env, stdin, timeout) -> {
            throw new CniException(CniErrorCode.INTERNAL, "plugin \"macvlan\" timed out after 1s and was killed");
        };

        assertThatThrownBy(() -> metered(hanging).execute(MACVLAN, ADD, new byte[0], Duration.ofSeconds(1)))
                .isInstanceOf(CniException.class);
        assertThat(errors.labelValues("macvlan", "999").get()).isEqualTo(1.0);
    }
}

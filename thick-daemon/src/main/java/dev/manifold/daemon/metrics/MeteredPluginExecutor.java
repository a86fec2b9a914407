package dev.manifold.daemon.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.manifold.delegates.exec.ExecOutput;
import dev.manifold.delegates.exec.PluginExecutor;
import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Times every plugin run ({@code plugin} = the binary's file name, {@code command} = its
 * CNI_COMMAND, VERSION probes included) and counts the failures by the code the plugin reported:
 * a non-zero exit is counted with the {@code code} of the error object on its stdout, or 999 when
 * it printed none; a run that could not start or timed out with the code of the exception
 * (999). Results and exceptions pass through unchanged.
 */
final class MeteredPluginExecutor implements PluginExecutor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PluginExecutor delegate;
    private final Histogram duration;
    private final Counter errors;

    MeteredPluginExecutor(PluginExecutor delegate, Histogram duration, Counter errors) {
        this.delegate = delegate;
        this.duration = duration;
        this.errors = errors;
    }

    @Override
    public ExecOutput execute(Path plugin, Map<String, String> env, byte[] stdin, Duration timeout) {
        String name = plugin.getFileName().toString();
        long start = System.nanoTime();
        try {
            ExecOutput out = delegate.execute(plugin, env, stdin, timeout);
            if (out.exitCode() != 0) {
                errors.labelValues(name, Integer.toString(reportedCode(out.stdout()))).inc();
            }
            return out;
        } catch (CniException e) {
            errors.labelValues(name, Integer.toString(e.code())).inc();
            throw e;
        } finally {
            duration.labelValues(name, env.getOrDefault("CNI_COMMAND", "unknown"))
                    .observe((System.nanoTime() - start) / 1e9);
        }
    }

    /** The {@code code} of the error object on stdout; 999 when there is none, as libcni reports it. */
    static int reportedCode(byte[] stdout) {
        try {
            return CniException.fromJson(JSON.readTree(stdout)).map(CniException::code).orElse(CniErrorCode.INTERNAL.code());
        } catch (IOException notJson) {
            return CniErrorCode.INTERNAL.code();
        }
    }
}

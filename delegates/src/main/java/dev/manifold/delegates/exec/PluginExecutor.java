package dev.manifold.delegates.exec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Runs one plugin binary once. This seam exists so tests can fake plugin execution; production
 * uses {@link ProcessPluginExecutor}.
 */
public interface PluginExecutor {
    /**
     * Runs {@code plugin} with exactly {@code env} as its environment (nothing inherited) and
     * {@code stdin} on standard input, and waits for it to exit.
     *
     * @return what it printed and its exit code, whatever the exit code
     * @throws dev.manifold.delegates.spec.CniException code 999 when it could not be started, or
     *         when it ran past {@code timeout} (it is then killed, and the message says so)
     */
    ExecOutput execute(Path plugin, Map<String, String> env, byte[] stdin, Duration timeout);
}

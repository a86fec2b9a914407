package dev.manifold.delegates.exec;

import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.PumpStreamHandler;
import org.apache.commons.exec.Watchdog;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadFactory;

/**
 * Runs plugins as child processes with commons-exec.
 *
 * <p>The child's environment is exactly the given map (an empty map gives an empty environment;
 * nothing of the daemon's leaks, CNI-NOTES "env hygiene"). It runs in {@code /}. Up to 16 MiB of
 * stdout and the last 64 KiB of stderr are kept. On timeout the plugin and every process it
 * started get SIGKILL before the call returns.
 */
public final class ProcessPluginExecutor implements PluginExecutor {
    static final int STDOUT_LIMIT = 16 * 1024 * 1024;
    static final int STDERR_LIMIT = 64 * 1024;
    /**
     * How long to wait for the output pipes to close once the plugin exited: a process it left
     * behind (daemonized) may hold them open forever.
     */
    private static final Duration PIPE_DRAIN_TIMEOUT = Duration.ofSeconds(2);
    /** Daemon threads: a watchdog still waiting must not keep the JVM alive at shutdown. */
    private static final ThreadFactory WATCHDOG_THREADS = Thread.ofPlatform().name("plugin-watchdog").daemon().factory();

    @Override
    public ExecOutput execute(Path plugin, Map<String, String> env, byte[] stdin, Duration timeout) {
        String name = plugin.getFileName().toString();
        BoundedOutput stdout = BoundedOutput.keepingFirst(STDOUT_LIMIT);
        BoundedOutput stderr = BoundedOutput.keepingLast(STDERR_LIMIT);
        PumpStreamHandler streams = new PumpStreamHandler(stdout, stderr, new ByteArrayInputStream(stdin));
        streams.setStopTimeout(PIPE_DRAIN_TIMEOUT);
        DefaultExecutor executor = DefaultExecutor.builder()
                .setExecuteStreamHandler(streams)
                .setWorkingDirectory(Path.of("/"))
                .get();
        // Every exit code is an answer; interpreting it is the caller's business.
        executor.setExitValues(null);
        ProcessTree tree = new ProcessTree();
        executor.setProcessDestroyer(tree);
        Watchdog watchdog = Watchdog.builder().setTimeout(timeout).setThreadFactory(WATCHDOG_THREADS).get();
        watchdog.addTimeoutObserver(tree);

        int exitCode;
        watchdog.start();
        try {
            // A copy: commons-exec must never see null, which would mean "inherit the daemon's".
            exitCode = executor.execute(new CommandLine(plugin.toString()), new HashMap<>(env));
        } catch (IOException e) {
            if (tree.killed()) {
                throw timedOut(name, timeout);
            }
            throw new CniException(CniErrorCode.INTERNAL, "plugin \"" + name + "\" could not be run: "
                    + e.getMessage(), e);
        } finally {
            watchdog.stop();
        }
        if (tree.killed()) {
            throw timedOut(name, timeout);
        }
        return new ExecOutput(exitCode, stdout.bytes(), stderr.bytes());
    }

    private static CniException timedOut(String name, Duration timeout) {
        return new CniException(CniErrorCode.INTERNAL,
                "plugin \"" + name + "\" timed out after " + seconds(timeout) + " and was killed");
    }

    private static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms";
    }
}

package dev.manifold.delegates.exec;

import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.PumpStreamHandler;
import org.apache.commons.exec.Watchdog;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;

/**
 * Runs plugins as child processes with commons-exec.
 *
 * <p>The child's environment is exactly the given map (an empty map gives an empty environment;
 * nothing of the daemon's leaks, CNI-NOTES "env hygiene"). It runs in {@code /}. Up to 16 MiB of
 * stdout and the last 64 KiB of stderr are kept. On timeout the plugin and every process it
 * started get SIGKILL before the call returns. A plugin dies with the daemon (see
 * {@link #dieWithDaemon()}).
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

    private static final List<String> DIE_WITH_DAEMON = dieWithDaemon();

    private final List<String> commandPrefix;

    public ProcessPluginExecutor() {
        this(List.of());
    }

    /**
     * Runs each plugin as {@code <commandPrefix...> <plugin>} rather than {@code <plugin>}, e.g.
     * with {@code chroot <dir>} in front. The prefix must end by exec'ing the plugin with the
     * environment and stdin it was given; everything else (the exact environment, output limits,
     * killing the whole process tree on timeout) is as without one.
     *
     * @param commandPrefix an executable (absolute path: the child's PATH is not searched) and
     *                      its arguments, passed as they are (no shell, no quoting)
     */
    public ProcessPluginExecutor(List<String> commandPrefix) {
        this.commandPrefix = List.copyOf(commandPrefix);
    }

    @Override
    public ExecOutput execute(Path plugin, Map<String, String> env, byte[] stdin, Duration timeout) {
        String name = plugin.getFileName().toString();
        if (commandPrefix.isEmpty() && !DIE_WITH_DAEMON.isEmpty() && !Files.isExecutable(plugin)) {
            // Behind setpriv, an exec failure would be setpriv's exit code; say it as without it.
            throw new CniException(CniErrorCode.INTERNAL, "plugin \"" + name + "\" could not be run: " + plugin
                    + " is not an executable file");
        }
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
            exitCode = executor.execute(commandLine(plugin), new HashMap<>(env));
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

    private CommandLine commandLine(Path plugin) {
        List<String> prefix = new ArrayList<>(DIE_WITH_DAEMON);
        prefix.addAll(commandPrefix);
        if (prefix.isEmpty()) {
            return new CommandLine(plugin.toString());
        }
        CommandLine line = new CommandLine(prefix.getFirst());
        prefix.subList(1, prefix.size()).forEach(arg -> line.addArgument(arg, false));
        return line.addArgument(plugin.toString(), false);
    }

    /**
     * {@code setpriv --pdeathsig KILL --} (util-linux), when installed: the plugin gets SIGKILL if
     * the thread that started it dies, i.e. when the daemon is killed. A plugin that outlived a
     * crashed daemon would finish its ADD after the runtime's DEL had cleaned up, and leak what it
     * made (found by the crash tests). The signal survives the exec of a prefix such as chroot and
     * of the plugin, and a plugin's own children are not touched. Safe because a plugin is always
     * started by a platform thread that waits for its exit.
     */
    private static List<String> dieWithDaemon() {
        Path setpriv = Path.of("/usr/bin/setpriv");
        return Files.isExecutable(setpriv) ? List.of(setpriv.toString(), "--pdeathsig", "KILL", "--") : List.of();
    }

    private static CniException timedOut(String name, Duration timeout) {
        return new CniException(CniErrorCode.INTERNAL,
                "plugin \"" + name + "\" timed out after " + seconds(timeout) + " and was killed");
    }

    private static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms";
    }
}

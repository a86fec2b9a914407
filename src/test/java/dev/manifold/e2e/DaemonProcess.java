package dev.manifold.e2e;

import org.awaitility.Awaitility;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The real daemon: {@code bin/manifold daemon --config FILE} as a child process. */
final class DaemonProcess implements AutoCloseable {
    private final Path config;
    private final Path socket;
    private final Path log;
    private Process process;

    DaemonProcess(Path config, Path socket, Path log) {
        this.config = config;
        this.socket = socket;
        this.log = log;
    }

    DaemonProcess start() {
        try {
            ProcessBuilder pb = new ProcessBuilder(List.of(Launchers.manifold().toString(), "daemon", "--config", config.toString()));
            pb.redirectErrorStream(true);
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Files.deleteIfExists(socket);
            process = pb.start();
        } catch (IOException e) {
            throw new AssertionError("cannot start the daemon", e);
        }
        Awaitility.await("daemon socket " + socket).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("daemon exited with " + process.exitValue() + ":\n" + logText());
                    }
                    return Files.exists(socket);
                });
        return this;
    }

    /** The running daemon's process, e.g. to see which delegates it has running. */
    ProcessHandle handle() {
        return process.toHandle();
    }

    /** SIGKILL, as a crash or an OOM kill would. */
    void kill() {
        process.destroyForcibly();
        waitGone();
    }

    void restart() {
        close();
        start();
    }

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitGone();
        }
    }

    private void waitGone() {
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

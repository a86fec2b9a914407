package dev.manifold.daemon.route;

import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code ip} inside a pod's network namespace as a child process under {@code nsenter}.
 * The JVM itself never enters a namespace: setns on a pooled thread would leak into the next
 * request (STYLE rule 11).
 */
public final class NetnsCommands {
    private final Duration timeout;

    public NetnsCommands(Duration timeout) {
        this.timeout = timeout;
    }

    /** Runs {@code ip <args>} in {@code netns}; returns stdout. @throws CniException code 999 */
    public String ip(String netns, String... args) {
        List<String> argv = new ArrayList<>(List.of("nsenter", "--net=" + netns, "ip"));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(64 * 1024);
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new CniException(CniErrorCode.INTERNAL, "ip " + String.join(" ", args) + " in " + netns + " timed out");
            }
            String text = new String(out, StandardCharsets.UTF_8).trim();
            if (p.exitValue() != 0) {
                throw new CniException(CniErrorCode.INTERNAL, "ip " + String.join(" ", args) + " in " + netns + " failed: " + text);
            }
            return text;
        } catch (IOException e) {
            throw new CniException(CniErrorCode.INTERNAL, "cannot run nsenter/ip: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CniException(CniErrorCode.INTERNAL, "interrupted while running ip in " + netns, e);
        }
    }
}

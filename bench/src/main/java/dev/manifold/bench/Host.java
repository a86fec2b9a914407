package dev.manifold.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Processes the benchmark runs on the host: {@code ip}, {@code jcmd}, the shim. */
final class Host {
    private Host() {
    }

    record Exit(int code, String stdout, String stderr, long nanos) {
        boolean ok() {
            return code == 0;
        }
    }

    /** Runs {@code argv}; returns stdout. @throws IllegalStateException when it fails */
    static String run(String... argv) {
        Exit e = exec(List.of(argv), null, null);
        if (!e.ok()) {
            throw new IllegalStateException(String.join(" ", argv) + " failed (" + e.code() + "): " + e.stderr().trim());
        }
        return e.stdout();
    }

    /** Runs {@code argv} for cleanup: failures (a link already gone) are fine. */
    static void quiet(String... argv) {
        try {
            exec(List.of(argv), null, null);
        } catch (RuntimeException e) {
            // nothing to clean
        }
    }

    /**
     * Runs {@code argv} and times it from just before the fork to the exit.
     *
     * @param env the child's whole environment when non-null (only PATH is added)
     */
    static Exit exec(List<String> argv, Map<String, String> env, byte[] stdin) {
        ProcessBuilder pb = new ProcessBuilder(argv);
        if (env != null) {
            pb.environment().clear();
            pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
            pb.environment().putAll(env);
        }
        try {
            long start = System.nanoTime();
            Process p = pb.start();
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            }
            // A thread of its own, not the common pool: that has one thread on a two-core machine,
            // and concurrent runs would queue behind each other's stderr.
            CompletableFuture<String> err = new CompletableFuture<>();
            Thread.ofPlatform().daemon().name("stderr-" + p.pid()).start(() -> err.complete(drain(p.getErrorStream())));
            String out = drain(p.getInputStream());
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(argv.getFirst() + " did not finish in 300 s");
            }
            long nanos = System.nanoTime() - start;
            return new Exit(p.exitValue(), out, err.get(10, TimeUnit.SECONDS), nanos);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + argv.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + argv.getFirst(), e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("reading the stderr of " + argv.getFirst() + ": " + e, e);
        }
    }

    private static String drain(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}

package dev.manifold.daemon.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Small process runs for the command-line tools (not used on the request path). */
final class Shell {
    private Shell() {
    }

    record Result(int exit, String stdout, String stderr) {
    }

    /** Runs {@code argv}; returns stdout; throws when it fails. */
    static String run(String... argv) {
        try {
            Result r = exec(List.of(argv), null, null);
            if (r.exit() != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " failed: " + r.stderr().trim());
            }
            return r.stdout();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + argv[0] + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code argv}, ignoring failure (cleanup). */
    static void quiet(String... argv) {
        try {
            exec(List.of(argv), null, null);
        } catch (IOException | RuntimeException e) {
            // Cleanup of something that may not exist.
        }
    }

    /** @param env the whole environment when non-null (nothing inherited) */
    static Result exec(List<String> argv, Map<String, String> env, String stdin) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(argv);
        if (env != null) {
            String path = System.getenv("PATH");
            pb.environment().clear();
            pb.environment().put("PATH", path == null ? "/usr/sbin:/usr/bin:/sbin:/bin" : path);
            pb.environment().putAll(env);
        }
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        var err = new java.util.concurrent.CompletableFuture<String>();
        Thread t = new Thread(() -> {
            try {
                err.complete(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.complete("");
            }
        });
        t.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(argv.get(0) + " timed out");
            }
            return new Result(p.exitValue(), out, err.get(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return new Result(p.exitValue(), out, "");
        }
    }
}

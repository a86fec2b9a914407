package dev.manifold.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The repository's launchers, run as real processes. */
final class Launchers {
    static final Path ROOT = findRoot();

    private Launchers() {
    }

    static Path shim() {
        return ROOT.resolve("bin/manifold-shim");
    }

    static Path manifold() {
        return ROOT.resolve("bin/manifold");
    }

    /** Runs {@code argv} with exactly {@code env} (+PATH) and {@code stdin}; waits up to 3 minutes. */
    static ProcessResult run(List<String> argv, Map<String, String> env, String stdin) {
        try {
            ProcessBuilder pb = new ProcessBuilder(argv);
            pb.environment().clear();
            pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
            String buildDir = System.getenv("MANIFOLD_BUILD_DIR");
            if (buildDir != null) {
                pb.environment().put("MANIFOLD_BUILD_DIR", buildDir);
            }
            pb.environment().putAll(env);
            Process p = pb.start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            // A thread of its own: the common pool has one thread on a two-core machine, and
            // concurrent runs would queue their stderr drains behind each other (and time out).
            CompletableFuture<String> err = new CompletableFuture<>();
            Thread.ofPlatform().daemon().start(() -> err.complete(drain(p.getErrorStream())));
            String out = drain(p.getInputStream());
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(argv + " did not finish in 180 s");
            }
            return new ProcessResult(p.exitValue(), out, err.get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new AssertionError("running " + argv + " failed: " + e, e);
        }
    }

    private static String drain(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static Path findRoot() {
        String prop = System.getProperty("manifold.projectRoot");
        if (prop != null && Files.isExecutable(Path.of(prop, "bin/manifold-shim"))) {
            return Path.of(prop);
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isExecutable(p.resolve("bin/manifold-shim"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository root (bin/manifold-shim)");
        }
        return p;
    }
}

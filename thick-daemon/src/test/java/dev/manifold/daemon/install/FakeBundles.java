package dev.manifold.daemon.install;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Shim bundles for installer tests, made from {@code fixtures/install/bundle}: the real layout,
 * with shell scripts standing in for the launcher and for {@code runtime/bin/java}. Running an
 * installed launcher prints a VERSION answer naming the bundle ({@code "bundle":"<marker>"}).
 */
final class FakeBundles {
    private final Path dir;

    FakeBundles(Path dir) {
        this.dir = dir;
    }

    /** A fresh bundle whose launcher answers with {@code marker}. */
    Path bundle(String marker) throws IOException {
        Path bundle = dir.resolve(marker);
        Path fixture = fixture();
        try (Stream<Path> walk = Files.walk(fixture)) {
            for (Path from : walk.sorted().toList()) {
                Path to = bundle.resolve(fixture.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        // Resources lose their modes on the way to the test classpath.
        for (String script : List.of("manifold-shim", "runtime/bin/java")) {
            Files.setPosixFilePermissions(bundle.resolve(script), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.writeString(bundle.resolve("BUNDLE"), marker + "\n");
        return bundle;
    }

    /** Runs {@code launcher} for VERSION with nothing but a system PATH; returns exit code and stdout. */
    static Run run(Path launcher) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(launcher.toString()).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().put("CNI_COMMAND", "VERSION");
        Process process = builder.start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write("{}".getBytes(StandardCharsets.UTF_8));
        } catch (IOException exitedEarly) {
            // the exit code tells
        }
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(launcher + " did not finish");
        }
        return new Run(process.exitValue(), stdout);
    }

    /** The inode of {@code path} itself (not of a symlink's target). */
    static Object inode(Path path) throws IOException {
        return Files.getAttribute(path, "unix:ino", LinkOption.NOFOLLOW_LINKS);
    }

    private static Path fixture() {
        try {
            return Path.of(FakeBundles.class.getResource("/fixtures/install/bundle/BUNDLE").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    record Run(int exit, String stdout) {
        boolean answeredBy(String marker) {
            return exit == 0 && stdout.contains("\"bundle\":\"" + marker + "\"");
        }
    }
}

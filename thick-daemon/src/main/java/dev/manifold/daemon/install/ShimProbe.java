package dev.manifold.daemon.install;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a bundle's launcher once for {@code VERSION}, as a runtime would, before the bundle is
 * made current: a bundle that copied fine but cannot run here (wrong architecture, a runtime
 * missing a library, a launcher the shell cannot parse) must not replace a working shim.
 *
 * <p>The environment holds only {@code PATH} (system directories) and {@code CNI_COMMAND}: no
 * {@code JAVA_HOME}, so the bundle has to bring its own Java.
 */
final class ShimProbe {
    private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final int MAX_REPORTED_CHARS = 600;

    private final Duration timeout;

    /** @param timeout how long one run may take (a loaded node can take seconds to start a JVM) */
    ShimProbe(Duration timeout) {
        this.timeout = timeout;
    }

    /** Returns when {@code bundleDir/manifold-shim} answers VERSION; throws otherwise. */
    void check(Path bundleDir) throws IOException {
        Path launcher = bundleDir.resolve(ShimBundle.LAUNCHER);
        Path output = Files.createTempFile("manifold-install-probe-", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of(launcher.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().clear();
            builder.environment().put("PATH", PATH);
            builder.environment().put("CNI_COMMAND", "VERSION");
            Process process = builder.start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write("{\"cniVersion\":\"1.1.0\"}".getBytes(StandardCharsets.UTF_8));
            } catch (IOException exitedEarly) {
                // A launcher that fails before reading stdin closes the pipe; its exit code and
                // output, checked below, say why.
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new InstallException("the shim bundle does not run: " + launcher
                        + " did not answer VERSION within " + timeout.toSeconds() + " s");
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0 || !printed.contains("\"supportedVersions\"")) {
                throw new InstallException("the shim bundle does not run: " + launcher + " answered VERSION with exit "
                        + process.exitValue() + ": " + abbreviate(printed.strip()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstallException("interrupted while running " + launcher, e);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_REPORTED_CHARS ? text : text.substring(0, MAX_REPORTED_CHARS) + " …";
    }
}

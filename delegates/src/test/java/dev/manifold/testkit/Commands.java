package dev.manifold.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs host commands for tests: argv as given (no shell), stdin empty, 30 s at most. Meant for
 * {@code ip}, {@code iptables} and the like, whose output is small.
 */
public final class Commands {
    private static final long TIMEOUT_SECONDS = 30;

    private Commands() {
    }

    /**
     * @return stdout
     * @throws IllegalStateException when the command cannot start, exits non-zero (the message
     *         quotes stderr) or runs past 30 s
     */
    public static String run(String... argv) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("mf-cmd", ".out");
            err = Files.createTempFile("mf-cmd", ".err");
            Process process = new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(List.of(argv) + " ran past " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(List.of(argv) + " failed (exit " + process.exitValue() + "): "
                        + Files.readString(err, StandardCharsets.UTF_8).strip());
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(List.of(argv) + " could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(List.of(argv) + " interrupted", e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** Whether the command runs and exits 0. */
    public static boolean succeeds(String... argv) {
        try {
            run(argv);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A temp file left in /tmp is not worth failing a test for.
            }
        }
    }
}

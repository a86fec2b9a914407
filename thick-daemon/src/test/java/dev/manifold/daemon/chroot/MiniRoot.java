package dev.manifold.daemon.chroot;

import dev.manifold.testkit.Commands;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A directory to chroot into holding copies of a few host binaries and the shared libraries
 * {@code ldd} says they load (Debian's CNI plugins are Go binaries linked against libc only),
 * each at its host path below the root. No shell, no /proc: enough for a plugin's VERSION.
 */
final class MiniRoot {
    private static final Pattern LIBRARY = Pattern.compile("(/\\S+) \\(0x");

    private MiniRoot() {
    }

    /** Copies {@code binary} to {@code <root>/<as>} and its libraries to their paths under {@code root}. */
    static Path install(Path root, Path binary, Path as) {
        copy(binary, root.resolve(Path.of("/").relativize(as)));
        Matcher libs = LIBRARY.matcher(Commands.run("ldd", binary.toString()));
        while (libs.find()) {
            Path lib = Path.of(libs.group(1));
            copy(lib, root.resolve(Path.of("/").relativize(lib)));
        }
        return root.resolve(Path.of("/").relativize(as));
    }

    private static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to);
            if (!to.toFile().setExecutable(true)) {
                throw new IllegalStateException("cannot make " + to + " executable");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.manifold.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real CNI plugins (Debian's containernetworking-plugins). */
public final class CniPlugins {
    public static final Path DIR = Path.of("/usr/lib/cni");

    private CniPlugins() {
    }

    /** Whether {@code type} is installed as an executable in {@link #DIR}. */
    public static boolean present(String type) {
        Path binary = DIR.resolve(type);
        return Files.isRegularFile(binary) && Files.isExecutable(binary);
    }
}

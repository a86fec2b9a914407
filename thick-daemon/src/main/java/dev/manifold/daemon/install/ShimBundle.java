package dev.manifold.daemon.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * A shim bundle to install, as the shim module's build makes it ({@code shim/target/bundle}): the
 * launcher {@code manifold-shim}, the jars, a Java runtime of its own in {@code runtime/} and,
 * usually, an AOT cache {@code shim.aot}. Only an unmistakably incomplete bundle is refused here;
 * whether it runs is {@link ShimProbe}'s question.
 *
 * @param dir         the bundle directory
 * @param id          its content hash ({@link FileTree#hash}), the name it is installed under
 * @param description the first line of its {@code BUNDLE} file ("manifold-shim 0.1.0"), or ""
 */
record ShimBundle(Path dir, String id, String description) {
    /** The launcher's file name inside a bundle. */
    static final String LAUNCHER = "manifold-shim";

    private static final List<String> REQUIRED_FILES = List.of(
            LAUNCHER, "manifold-shim.jar", "lib/gson.jar", "runtime/bin/java", "runtime/lib/modules", "runtime/release");
    private static final List<String> REQUIRED_EXECUTABLES = List.of(LAUNCHER, "runtime/bin/java");

    /** Checks that {@code dir} holds a complete bundle and hashes it. */
    static ShimBundle open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InstallException("no shim bundle at " + dir + " (build it with ./mvnw -pl shim package)");
        }
        for (String file : REQUIRED_FILES) {
            if (!Files.isRegularFile(dir.resolve(file), LinkOption.NOFOLLOW_LINKS)) {
                throw new InstallException("not a complete shim bundle: " + dir + " has no " + file
                        + " (rebuild it with ./mvnw -pl shim package)");
            }
        }
        for (String file : REQUIRED_EXECUTABLES) {
            if (!Files.isExecutable(dir.resolve(file))) {
                throw new InstallException("not a usable shim bundle: " + dir.resolve(file) + " is not executable");
            }
        }
        try {
            return new ShimBundle(dir, FileTree.hash(dir), description(dir));
        } catch (IOException e) {
            throw new InstallException("cannot read the shim bundle " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String description(Path dir) throws IOException {
        Path info = dir.resolve("BUNDLE");
        if (!Files.isRegularFile(info)) {
            return "";
        }
        List<String> lines = Files.readAllLines(info, StandardCharsets.UTF_8);
        return lines.isEmpty() ? "" : lines.getFirst().strip();
    }
}

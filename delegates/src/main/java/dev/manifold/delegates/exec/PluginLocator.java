package dev.manifold.delegates.exec;

import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds a plugin binary by its {@code type} in an ordered list of directories (CNI_PATH /
 * binDir). A {@code type} is a bare file name: one with a path separator, {@code ..}, a NUL or
 * that is empty is rejected, and so is a binary that resolves (through symlinks) outside the
 * directory it was found in.
 *
 * <p>The first directory holding an executable regular file of that name wins; a name that is
 * there but not executable (or a directory) is passed over, as a shell's PATH search does. The
 * returned path is the one found in the directory, not the symlink target, so the plugin sees
 * its usual {@code argv[0]}.
 */
public final class PluginLocator {
    private final List<Path> binDirs;

    public PluginLocator(List<Path> binDirs) {
        this.binDirs = List.copyOf(binDirs);
    }

    public List<Path> binDirs() {
        return binDirs;
    }

    /**
     * @throws dev.manifold.delegates.spec.CniException code 7 for an invalid type; code 7 with the
     *         directories searched when no executable file of that name exists
     */
    public Path locate(String type) {
        requireBareName(type);
        for (Path dir : binDirs) {
            Optional<Path> found = executableIn(dir, type);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new CniException(CniErrorCode.INVALID_NETWORK_CONFIG,
                "plugin \"" + type + "\" not found in " + binDirs);
    }

    private static void requireBareName(String type) {
        if (type == null || type.isEmpty() || type.indexOf('/') >= 0 || type.indexOf('\0') >= 0
                || type.contains("..") || type.equals(".")) {
            throw new CniException(CniErrorCode.INVALID_NETWORK_CONFIG,
                    "invalid plugin type \"" + printable(type) + "\": must be a bare file name");
        }
    }

    private static Optional<Path> executableIn(Path dir, String type) {
        Path candidate = dir.resolve(type);
        if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        Path real;
        Path realDir;
        try {
            real = candidate.toRealPath();
            realDir = dir.toRealPath();
        } catch (IOException e) {
            // A dangling symlink: nothing to run here.
            return Optional.empty();
        }
        // A symlink that leaves the directory would let whoever writes the bin dir's links run
        // any binary on the host under a plugin's name.
        if (!real.startsWith(realDir)) {
            throw new CniException(CniErrorCode.INVALID_NETWORK_CONFIG,
                    "plugin \"" + type + "\" in " + dir + " resolves to " + real + ", outside " + realDir);
        }
        if (!Files.isRegularFile(real) || !Files.isExecutable(real)) {
            return Optional.empty();
        }
        return Optional.of(candidate);
    }

    private static String printable(String type) {
        return type == null ? "" : type.replace("\0", "\\0");
    }
}

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
 *
 * <p>For plugins that run chrooted ({@link #inRoot}), the directories are searched inside the root.
 */
public final class PluginLocator {
    private static final Path SLASH = Path.of("/");

    private final List<Path> binDirs;
    /** Empty: the directories are searched as they are; present: inside this root. */
    private final Optional<Path> root;

    public PluginLocator(List<Path> binDirs) {
        this(binDirs, Optional.empty());
    }

    private PluginLocator(List<Path> binDirs, Optional<Path> root) {
        this.binDirs = List.copyOf(binDirs);
        this.root = root;
    }

    /**
     * A locator for plugins that will run chrooted into {@code root}. {@code binDirs} are the
     * directories as the plugin sees them inside the root (what {@link #binDirs()}, and so
     * CNI_PATH, says); each is searched at {@code <root>/<binDir>}, a relative one being relative
     * to the root, and {@code ..} never leaving it. {@link #locate} returns the daemon's view of
     * the binary, {@code <root>/<binDir>/<type>}: the executor that chroots maps it back.
     *
     * <p>Symlinks are resolved in the daemon's view, so a link with an absolute target is refused
     * as leaving its directory (it would name a file outside the root); relative links work.
     */
    public static PluginLocator inRoot(Path root, List<Path> binDirs) {
        return new PluginLocator(binDirs, Optional.of(root.toAbsolutePath().normalize()));
    }

    /** The directories as the plugin sees them (inside the root, for {@link #inRoot}). */
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
            Optional<Path> found = executableIn(searched(dir), type);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new CniException(CniErrorCode.INVALID_NETWORK_CONFIG, "plugin \"" + type + "\" not found in " + binDirs
                + root.map(r -> " under " + r).orElse(""));
    }

    /** Where {@code dir} is in the daemon's view. */
    private Path searched(Path dir) {
        if (root.isEmpty()) {
            return dir;
        }
        // Normalized against "/" first, so that "/../etc" stays inside the root.
        Path insideRoot = SLASH.resolve(dir).normalize();
        return root.get().resolve(SLASH.relativize(insideRoot));
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

package dev.manifold.daemon.install;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The installed bundles of one bin dir, in {@code <bin-dir>/.manifold}:
 * <pre>
 *   .manifold/&lt;id&gt;/      a complete bundle (id = content hash)
 *   .manifold/current     relative symlink to &lt;id&gt;
 *   .manifold/.lock       held by the install in progress
 * </pre>
 * Invariant: a directory named by an id is always complete. Bundles are copied under a hidden
 * staging name and renamed into place once fsynced; they leave by a rename to a hidden trash name
 * before being deleted, so a crash never leaves a partial directory under an id. Symlinks are
 * relative because the bin dir is usually mounted elsewhere in the installing container
 * ({@code /host/opt/cni/bin}) than on the host ({@code /opt/cni/bin}).
 */
final class BundleStore {
    static final String DIRECTORY = ".manifold";
    static final String CURRENT = "current";
    private static final String LOCK = ".lock";

    private final Path root;

    /** @param root {@code <bin-dir>/.manifold}; created on first install */
    BundleStore(Path root) {
        this.root = root;
    }

    Path bundleDir(String id) {
        return root.resolve(id);
    }

    boolean has(String id) {
        return Files.isDirectory(bundleDir(id), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Serializes installs into this bin dir across processes (a restarted init container may
     * overlap its predecessor). Blocks until the lock is free; released by closing.
     */
    FileChannel lock() throws IOException {
        Files.createDirectories(root);
        FileChannel channel = FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            channel.lock();
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The id {@code current} points to; empty before the first install. */
    Optional<String> current() throws IOException {
        Path link = root.resolve(CURRENT);
        if (!Files.isSymbolicLink(link)) {
            return Optional.empty();
        }
        return Optional.of(Files.readSymbolicLink(link).toString());
    }

    /** Copies {@code bundle} into a hidden staging directory of the store and returns it. */
    Path stage(ShimBundle bundle) throws IOException {
        Path staging = root.resolve(".staging-" + bundle.id() + "-" + UUID.randomUUID());
        try {
            FileTree.copy(bundle.dir(), staging);
            return staging;
        } catch (IOException | RuntimeException e) {
            FileTree.delete(staging);
            throw e;
        }
    }

    /** Renames a staged copy to its id (which must be free). */
    void promote(Path staged, String id) throws IOException {
        Files.move(staged, bundleDir(id), StandardCopyOption.ATOMIC_MOVE);
        FileTree.sync(root);
    }

    /** Points {@code current} to {@code id} in one rename: readers see the old or the new link. */
    void switchCurrent(String id) throws IOException {
        replaceSymlink(root, CURRENT, Path.of(id));
    }

    /**
     * Removes everything in the store but {@code current}, the lock and the bundles in {@code keep}:
     * older bundles and what crashed installs left (staging copies, trash, temporary links).
     */
    void prune(Set<String> keep) throws IOException {
        List<Path> leaving = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.equals(CURRENT) && !name.equals(LOCK) && !keep.contains(name)) {
                    leaving.add(entry);
                }
            }
        }
        for (Path entry : leaving) {
            Path trash = entry;
            if (!entry.getFileName().toString().startsWith(".trash-")) {
                trash = root.resolve(".trash-" + UUID.randomUUID());
                Files.move(entry, trash, StandardCopyOption.ATOMIC_MOVE);
            }
            FileTree.delete(trash);
        }
        FileTree.sync(root);
    }

    /**
     * Makes {@code dir/name} a symlink to {@code target} by renaming a new link over it, then
     * fsyncs {@code dir}. Fails, changing nothing, if {@code dir/name} is a non-empty directory.
     */
    static void replaceSymlink(Path dir, String name, Path target) throws IOException {
        Path temp = dir.resolve("." + name + "." + UUID.randomUUID() + ".tmp");
        Files.createSymbolicLink(temp, target);
        try {
            Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        FileTree.sync(dir);
    }
}

package dev.manifold.daemon.install;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Whole-directory operations on a bundle: content hash, durable copy, delete. Symlinks are
 * never followed; a tree holding anything but directories, regular files and symlinks (a socket,
 * a device) is refused.
 */
final class FileTree {
    /** Hex digits of SHA-256 kept in a bundle id: 64 bits, plenty to tell builds apart. */
    private static final int ID_LENGTH = 16;

    private FileTree() {
    }

    /**
     * A hash of what the tree holds: relative paths, entry types, permissions, file contents and
     * symlink targets. Modification times and owners do not count, so a copy hashes like its source.
     */
    static String hash(Path root) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[64 * 1024];
        for (Path entry : entries(root)) {
            String relative = root.relativize(entry).toString();
            PosixFileAttributes attrs = attributes(entry);
            String header;
            if (attrs.isSymbolicLink()) {
                header = "l " + relative + " " + Files.readSymbolicLink(entry);
            } else if (attrs.isDirectory()) {
                header = "d " + relative;
            } else {
                header = "f " + relative + " " + PosixFilePermissions.toString(attrs.permissions()) + " " + attrs.size();
            }
            digest.update((header + "\n").getBytes(StandardCharsets.UTF_8));
            if (attrs.isRegularFile()) {
                try (InputStream in = Files.newInputStream(entry)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        digest.update(buffer, 0, n);
                    }
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, ID_LENGTH);
    }

    /**
     * Copies {@code source} to {@code target} (which must not exist) keeping permissions and
     * modification times (the AOT cache records the jars' times and refuses changed ones), then
     * fsyncs every file and directory, so that once this returns a crash cannot leave a part.
     */
    static void copy(Path source, Path target) throws IOException {
        List<Path> directories = new ArrayList<>();
        for (Path entry : entries(source)) {
            Path to = target.resolve(source.relativize(entry).toString());
            PosixFileAttributes attrs = attributes(entry);
            if (attrs.isSymbolicLink()) {
                Files.createSymbolicLink(to, Files.readSymbolicLink(entry));
            } else if (attrs.isDirectory()) {
                Files.createDirectory(to);
                Files.setPosixFilePermissions(to, attrs.permissions());
                directories.add(to);
            } else {
                Files.copy(entry, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                sync(to);
            }
        }
        for (Path directory : directories.reversed()) {
            sync(directory);
        }
    }

    /** Deletes the tree bottom-up; absent is fine. */
    static void delete(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        for (Path entry : entries(root).reversed()) {
            Files.deleteIfExists(entry);
        }
    }

    /**
     * Makes a file's content, or a directory's renames and new entries, durable. Linux allows
     * fsync on a file or directory opened read-only.
     */
    static void sync(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** The root and everything under it, parents before children, in a stable (sorted) order. */
    private static List<Path> entries(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> entries = walk.sorted().toList();
            for (Path entry : entries) {
                PosixFileAttributes attrs = attributes(entry);
                if (!attrs.isRegularFile() && !attrs.isDirectory() && !attrs.isSymbolicLink()) {
                    throw new IOException(entry + " is not a file, a directory or a symlink");
                }
            }
            return entries;
        }
    }

    private static PosixFileAttributes attributes(Path entry) throws IOException {
        return Files.readAttributes(entry, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

package dev.manifold.delegates.cache;

import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Crash-safe file writes: temp file in the same directory, fsync, rename, fsync the directory.
 *
 * <p>Missing parent directories are created with mode 0700. A crash may leave a temp file
 * (named {@code .<name>.<random>.tmp}, hidden) beside the target; readers of a directory should
 * ignore dot-files.
 */
public final class AtomicFiles {
    /** Owner read/write only: cached configs may carry credentials (e.g. a kubeconfig path or token). */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");

    private AtomicFiles() {
    }

    /**
     * Replaces {@code target} with {@code bytes} so that after a crash at any point the file holds
     * either the old or the new content, never a part. The file gets mode 0600.
     *
     * @throws dev.manifold.delegates.spec.CniException code 5 (I/O failure) naming the file
     */
    public static void write(Path target, byte[] bytes) {
        write(target, bytes, OWNER_ONLY);
    }

    /** As {@link #write(Path, byte[])}, with the given mode (e.g. 0755 for an installed binary). */
    public static void write(Path target, byte[] bytes, Set<PosixFilePermission> mode) {
        write(target, bytes, mode, Durability.SYNCED);
    }

    /**
     * As {@link #write(Path, byte[])} without waiting for the disk (no fsync): readers, and a crash
     * of the process, still see the old or the new content, never a part (the rename is atomic),
     * but after a crash of the machine (power loss, kernel panic) the old content may be back, or
     * the file may be empty. For files whose loss then costs nothing that matters. Saves the two
     * fsyncs of {@link #write}, milliseconds each on a busy disk.
     */
    public static void writeUnsynced(Path target, byte[] bytes) {
        write(target, bytes, OWNER_ONLY, Durability.UNSYNCED);
    }

    /** Whether a write waits until the disk holds it. */
    private enum Durability { SYNCED, UNSYNCED }

    private static void write(Path target, byte[] bytes, Set<PosixFilePermission> mode, Durability durability) {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
            temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp",
                    PosixFilePermissions.asFileAttribute(mode));
            // createTempFile's mode is filtered by the umask; set it exactly.
            Files.setPosixFilePermissions(temp, mode);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                if (durability == Durability.SYNCED) {
                    channel.force(true);
                }
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            if (durability == Durability.SYNCED) {
                syncDirectory(dir);
            }
        } catch (IOException e) {
            throw new CniException(CniErrorCode.IO_FAILURE, "cannot write " + target + ": " + e, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** Deletes {@code target} if present and fsyncs its directory; absent is fine. */
    public static void delete(Path target) {
        try {
            if (Files.deleteIfExists(target)) {
                syncDirectory(target.toAbsolutePath().getParent());
            }
        } catch (IOException e) {
            throw new CniException(CniErrorCode.IO_FAILURE, "cannot delete " + target + ": " + e, e);
        }
    }

    /**
     * Deletes {@code target} if present, without waiting for the disk: after a crash of the
     * machine the file may be back.
     */
    public static void deleteUnsynced(Path target) {
        try {
            Files.deleteIfExists(target);
        } catch (IOException e) {
            throw new CniException(CniErrorCode.IO_FAILURE, "cannot delete " + target + ": " + e, e);
        }
    }

    /** Makes a rename or unlink in {@code dir} durable (Linux allows fsync on a directory opened read-only). */
    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // The write already failed and says so; a stray hidden temp file is harmless.
        }
    }
}

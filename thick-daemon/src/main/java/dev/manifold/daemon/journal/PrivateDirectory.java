package dev.manifold.daemon.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A directory only the daemon may write: created with mode 0700 when missing; refused when it is
 * not a directory, is writable by group or others, or belongs to another user. Whoever can write
 * the journal decides what the daemon DELs (the records name delegate configs and binaries'
 * types), so it must be as private as the socket.
 */
final class PrivateDirectory {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    /** /proc/self belongs to the process's effective user. */
    private static final Path SELF = Path.of("/proc/self");

    private PrivateDirectory() {
    }

    /** @throws IOException saying what is wrong with {@code dir}, to refuse to start */
    static void require(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, OWNER_ONLY);
            return;
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(dir + " is not a directory");
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
        if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException(dir + " is writable by group or others (" + PosixFilePermissions.toString(perms)
                    + "); make it 0700 or 0755");
        }
        Object owner = Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        Object self = Files.getAttribute(SELF, "unix:uid");
        if (!owner.equals(self)) {
            throw new IOException(dir + " belongs to uid " + owner + ", not to the daemon's uid " + self);
        }
    }
}

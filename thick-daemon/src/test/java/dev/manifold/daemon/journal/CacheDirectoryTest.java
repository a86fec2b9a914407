package dev.manifold.daemon.journal;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cache directory (cniDir) as the daemon finds it at start: made private, or refused. */
class CacheDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void givenNoCacheDir_whenPrepared_thenItAndAttachmentsAre0700() throws Exception {
        Path cniDir = tmp.resolve("var/lib/cni/multus");

        new AttachmentJournal(cniDir).prepare();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cniDir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cniDir.resolve("attachments")))).isEqualTo("rwx------");
    }

    @Test
    void givenGroupWritableCacheDir_whenPrepared_thenRefused() throws Exception {
        Path cniDir = Files.createDirectories(tmp.resolve("cni"));
        Files.setPosixFilePermissions(cniDir, PosixFilePermissions.fromString("rwxrwx---"));

        assertThatThrownBy(() -> new AttachmentJournal(cniDir).prepare())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("writable by group or others")
                .hasMessageContaining(cniDir.toString());
    }

    @Test
    void givenWorldWritableAttachmentsDir_whenPrepared_thenRefused() throws Exception {
        Path cniDir = Files.createDirectories(tmp.resolve("cni"));
        Path attachments = Files.createDirectories(cniDir.resolve("attachments"));
        Files.setPosixFilePermissions(attachments, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> new AttachmentJournal(cniDir).prepare()).hasMessageContaining(attachments.toString());
    }

    @Test
    void givenCacheDirThatIsAFile_whenPrepared_thenRefused() throws Exception {
        Path cniDir = Files.writeString(tmp.resolve("cni"), "not a directory");

        assertThatThrownBy(() -> new AttachmentJournal(cniDir).prepare()).hasMessageContaining("is not a directory");
    }

    @Test
    void givenCacheDirOfAnotherUser_whenPrepared_thenRefused() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "chown needs root");
        Path cniDir = Files.createDirectories(tmp.resolve("cni"));
        UserPrincipal nobody = cniDir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(cniDir, nobody);

        assertThatThrownBy(() -> new AttachmentJournal(cniDir).prepare()).hasMessageContaining("belongs to uid");
    }

    @Test
    void givenTemporaryFileOfACutWrite_whenPrepared_thenItIsRemovedAndRecordsAreKept() throws Exception {
        Path attachments = Files.createDirectories(tmp.resolve("cni/attachments"));
        Path stale = Files.writeString(attachments.resolve(".abc.json.123456.tmp"), "{\"kind\":");
        Path record = Files.writeString(attachments.resolve("abc.json"), "{}");

        new AttachmentJournal(tmp.resolve("cni")).prepare();

        assertThat(stale).doesNotExist();
        assertThat(record).exists();
    }
}

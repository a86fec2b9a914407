package dev.manifold.daemon.faults;

import dev.manifold.daemon.server.UnixHttp;
import dev.manifold.testkit.Commands;
import dev.manifold.testkit.Netns;
import dev.manifold.testkit.NetnsTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cache directory (cniDir) on a tiny tmpfs of its own: full, read-only, or with its
 * attachments directory replaced by a file. The journal is written before any delegate runs, so
 * an ADD that cannot write it is refused with code 5 having attached nothing — and works again
 * once the disk has room.
 */
@NetnsTest
class DiskFullTest {
    @TempDir
    Path dir;

    private Path cniDir;
    private LocalNode node;

    @BeforeEach
    void mountTinyCacheDir() throws Exception {
        cniDir = Files.createDirectories(dir.resolve("cache"));
        Commands.run("mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", cniDir.toString());
        node = new LocalNode(dir, cniDir, "/usr/lib/cni", 30);
        node.source.pod("team", "app", Map.of("k8s.v1.cni.cncf.io/networks", "data"));
        node.start();
    }

    @AfterEach
    void unmount() {
        try {
            node.close();
        } finally {
            Commands.run("umount", "-l", cniDir.toString());
        }
    }

    /** Writes a file until the tmpfs says it is full. */
    private Path fill() throws IOException {
        Path filler = cniDir.resolve("filler");
        byte[] chunk = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
                out.flush();
            }
        } catch (IOException full) {
            return filler;
        }
    }

    private void assertRefusedWithNothingAttached(UnixHttp.Answer add, Netns netns) throws IOException {
        assertThat(add.status()).as(add.body()).isEqualTo(400);
        assertThat(LocalNode.json(add).path("code").asInt()).isEqualTo(5);
        assertThat(LocalNode.json(add).path("msg").asText()).contains(cniDir.toString());
        assertThat(netns.linkNames()).containsExactly("lo");
        assertThat(node.allocations()).isEmpty();
    }

    @Test
    void givenFullDisk_whenAdd_thenCode5AndNothingAttached(Netns netns) throws Exception {
        fill();

        assertRefusedWithNothingAttached(node.cni("ADD", "full1", netns, "app"), netns);
    }

    @Test
    void givenFullDiskThatGetsRoomAgain_whenAdd_thenItWorksWithoutARestart(Netns netns) throws Exception {
        Path filler = fill();
        assertRefusedWithNothingAttached(node.cni("ADD", "full2", netns, "app"), netns);

        Files.delete(filler);
        UnixHttp.Answer add = node.cni("ADD", "full2", netns, "app");

        assertThat(add.status()).as(add.body()).isEqualTo(200);
        assertThat(node.cni("DEL", "full2", netns, "app").status()).isEqualTo(200);
        assertThat(node.allocations()).isEmpty();
    }

    @Test
    void givenReadOnlyCacheDir_whenAdd_thenCode5AndNothingAttached(Netns netns) throws Exception {
        Commands.run("mount", "-o", "remount,ro", cniDir.toString());

        assertRefusedWithNothingAttached(node.cni("ADD", "ro1", netns, "app"), netns);
    }

    @Test
    void givenAttachmentsDirReplacedByAFile_whenAdd_thenCode5AndNothingAttached(Netns netns) throws Exception {
        Path attachments = cniDir.resolve("attachments");
        Files.delete(attachments);
        Files.writeString(attachments, "not a directory");

        assertRefusedWithNothingAttached(node.cni("ADD", "file1", netns, "app"), netns);
    }
}

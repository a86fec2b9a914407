package dev.manifold.daemon.cli;

import dev.manifold.daemon.journal.AttachmentJournal;
import dev.manifold.daemon.journal.JournalEntry;
import dev.manifold.daemon.journal.JournalRecord;
import dev.manifold.daemon.source.PodRef;
import dev.manifold.delegates.cache.CacheKey;
import dev.manifold.delegates.cache.CachedAttachment;
import dev.manifold.delegates.config.NetConfList;
import dev.manifold.delegates.config.RuntimeConfig;
import dev.manifold.delegates.result.CniResult;
import dev.manifold.delegates.spec.CniArgs;
import dev.manifold.delegates.spec.CniVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code manifold status} without a pod: the node view from a journal holding two pods, one
 * attached on two networks, one only planned (a daemon that crashed mid-ADD).
 */
class StatusCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void writeJournal() throws IOException {
        Files.writeString(dir.resolve("daemon-config.json"), "{\"cniDir\":\"" + dir.resolve("cache") + "\"}");
        AttachmentJournal journal = new AttachmentJournal(dir.resolve("cache"));
        String app = "c0ffee01c0ffee01c0ffee01";
        journal.write(new JournalRecord(app, Optional.of(new PodRef("team", "app")), Optional.empty(), Optional.of("/var/run/netns/app"),
                JournalRecord.State.ATTACHED, List.of(
                        entry("cluster", true, app, "eth0", "cluster.conflist", Optional.of("result-app-eth0.json")),
                        entry("team/data", false, app, "net1", "data.conflist", Optional.of("result-app-net1.json")))));
        journal.write(new JournalRecord("d00dfeed02", Optional.of(new PodRef("team", "web")), Optional.empty(), Optional.empty(),
                JournalRecord.State.PLANNED, List.of(entry("cluster", true, "d00dfeed02", "eth0", "cluster.conflist", Optional.empty()))));
    }

    private static JournalEntry entry(String statusName, boolean cluster, String containerId, String ifName, String config,
                                      Optional<String> result) {
        NetConfList list = NetConfList.parse(fixture(config));
        CachedAttachment attachment = new CachedAttachment(new CacheKey(list.name(), containerId, ifName), list,
                RuntimeConfig.empty(), CniArgs.empty(), result.map(f -> CniResult.parse(fixture(f), CniVersion.V1_0_0)));
        return new JournalEntry(statusName, cluster, cluster, attachment);
    }

    private static byte[] fixture(String name) {
        try (InputStream in = StatusCommandTest.class.getResourceAsStream("/fixtures/node-status/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture node-status/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void givenJournalWithTwoPods_whenStatus_thenOneRowPerInterfaceWithItsStateAndAddresses() {
        StatusCommand command = new StatusCommand();
        command.out = new PrintStream(out, true, StandardCharsets.UTF_8);

        int exit = new CommandLine(command).execute("--config", dir.resolve("daemon-config.json").toString());

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(new String(fixture("expected.txt"), StandardCharsets.UTF_8));
    }
}

package dev.manifold.daemon.journal;

import dev.manifold.daemon.source.PodRef;
import dev.manifold.delegates.cache.CacheKey;
import dev.manifold.delegates.cache.CachedAttachment;
import dev.manifold.delegates.config.NetConfList;
import dev.manifold.delegates.config.RuntimeConfig;
import dev.manifold.delegates.spec.CniArgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a kill in the middle of a journal write leaves, as the journal reads it. AtomicFiles writes
 * a temporary file ({@code .<name>.<random>.tmp}) and renames it over the record: a kill before
 * the rename leaves the temporary file, empty or partly written, and the record as it was; a
 * kill cannot leave a torn record, since the record is only ever replaced whole by the rename.
 * (A crash of the machine can, for the unsynced ATTACHED write: the Detacher and
 * CrashSafetyEndToEndTest cover that.)
 */
class JournalCutWriteTest {
    @TempDir
    Path tmp;

    private static JournalRecord record(String containerId, JournalRecord.State state) {
        NetConfList config = NetConfList.parseAny("{\"cniVersion\":\"1.0.0\",\"name\":\"data\",\"type\":\"bridge\"}"
                .getBytes(StandardCharsets.UTF_8));
        JournalEntry entry = new JournalEntry("team/data", false, false, new CachedAttachment(
                new CacheKey("data", containerId, "net1"), config, RuntimeConfig.empty(), CniArgs.empty(), Optional.empty()));
        return new JournalRecord(containerId, Optional.of(new PodRef("team", "app")), Optional.of("u-1"),
                Optional.of("/var/run/netns/x"), state, List.of(entry));
    }

    /** The temporary file AtomicFiles would have left for {@code record}, holding {@code bytes}. */
    private static Path cutWrite(Path record, byte[] bytes) throws Exception {
        return Files.write(Files.createTempFile(record.getParent(), "." + record.getFileName() + ".", ".tmp"), bytes);
    }

    @Test
    void givenARewriteCutBeforeItsRename_whenReadAndListed_thenTheRecordAsItWasAndNothingCorrupt() throws Exception {
        AttachmentJournal journal = new AttachmentJournal(tmp);
        journal.write(record("ctr1", JournalRecord.State.PLANNED));
        Path file = journal.dir().resolve("ctr1.json");
        byte[] planned = Files.readAllBytes(file);
        cutWrite(file, Arrays.copyOf(planned, planned.length / 2));
        cutWrite(file, new byte[0]);

        assertThat(journal.read("ctr1")).hasValueSatisfying(r -> {
            assertThat(r.state()).isEqualTo(JournalRecord.State.PLANNED);
            assertThat(r.entries()).extracting(JournalEntry::statusName).containsExactly("team/data");
        });
        List<Path> corrupt = new ArrayList<>();
        assertThat(journal.list(corrupt::add)).extracting(JournalRecord::containerId).containsExactly("ctr1");
        assertThat(corrupt).as("temporary files are not records").isEmpty();
    }

    @Test
    void givenTheFirstWriteCutBeforeItsRename_whenRead_thenNoRecordAndTheNextWriteWorks() throws Exception {
        AttachmentJournal journal = new AttachmentJournal(tmp);
        Files.createDirectories(journal.dir());
        cutWrite(journal.dir().resolve("ctr2.json"), "{\"kind\":\"manifold.journal/v1\",\"contai".getBytes(StandardCharsets.UTF_8));

        assertThat(journal.read("ctr2")).isEmpty();
        journal.write(record("ctr2", JournalRecord.State.PLANNED));
        journal.update(record("ctr2", JournalRecord.State.ATTACHED));

        assertThat(journal.read("ctr2")).hasValueSatisfying(r -> assertThat(r.state()).isEqualTo(JournalRecord.State.ATTACHED));
    }

    @Test
    void givenAStartAfterCutWrites_whenPrepared_thenOnlyTheRecordsRemain() throws Exception {
        AttachmentJournal journal = new AttachmentJournal(tmp);
        journal.write(record("ctr3", JournalRecord.State.ATTACHED));
        Path file = journal.dir().resolve("ctr3.json");
        cutWrite(file, Arrays.copyOf(Files.readAllBytes(file), 10));
        cutWrite(journal.dir().resolve("ctr4.json"), new byte[0]);
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));

        journal.prepare();

        try (var files = Files.list(journal.dir())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("ctr3.json");
        }
        assertThat(journal.read("ctr3")).hasValueSatisfying(r -> assertThat(r.state()).isEqualTo(JournalRecord.State.ATTACHED));
    }
}

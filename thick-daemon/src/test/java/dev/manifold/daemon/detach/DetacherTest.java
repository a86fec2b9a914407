package dev.manifold.daemon.detach;

import dev.manifold.daemon.journal.AttachmentJournal;
import dev.manifold.daemon.journal.JournalEntry;
import dev.manifold.daemon.journal.JournalRecord;
import dev.manifold.daemon.request.CniRequest;
import dev.manifold.daemon.request.RequestParser;
import dev.manifold.daemon.source.InMemorySource;
import dev.manifold.delegates.cache.CacheKey;
import dev.manifold.delegates.cache.CachedAttachment;
import dev.manifold.delegates.config.NetConfList;
import dev.manifold.delegates.config.RuntimeConfig;
import dev.manifold.delegates.exec.PluginLocator;
import dev.manifold.delegates.exec.ProcessPluginExecutor;
import dev.manifold.delegates.invoke.DelegateInvoker;
import dev.manifold.delegates.spec.CniArgs;
import dev.manifold.delegates.spec.CniException;
import dev.manifold.testkit.FakePlugins;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DEL from the record with fake plugins: partial failures keep only what is still attached. */
class DetacherTest {
    @TempDir
    Path tmp;

    private Path binDir;
    private AttachmentJournal journal;
    private Detacher detacher;

    @BeforeEach
    void setUp() {
        binDir = tmp.resolve("bin");
        FakePlugins.install(binDir, "recorder", "good");
        FakePlugins.install(binDir, "busy", "flaky");
        journal = new AttachmentJournal(tmp.resolve("cache"));
        DelegateInvoker invoker = new DelegateInvoker(new PluginLocator(List.of(binDir)), new ProcessPluginExecutor(), Duration.ofSeconds(10));
        detacher = new Detacher(invoker, journal, new InMemorySource());
    }

    private static JournalEntry entry(String network, String type, String ifName) {
        NetConfList config = NetConfList.parseAny(("{\"cniVersion\":\"1.0.0\",\"name\":\"" + network + "\",\"type\":\"" + type + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        return new JournalEntry("ns/" + network, ifName.equals("eth0"), ifName.equals("eth0"),
                new CachedAttachment(new CacheKey(network, "ctr1", ifName), config, RuntimeConfig.empty(), CniArgs.empty(), Optional.empty()));
    }

    private static CniRequest del() {
        return RequestParser.fromEnv(Map.of("CNI_COMMAND", "DEL", "CNI_CONTAINERID", "ctr1", "CNI_IFNAME", "eth0"),
                "{\"cniVersion\":\"1.0.0\",\"name\":\"multus-cni-network\",\"type\":\"manifold-shim\"}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void givenOneDelegateFailsDel_whenDelRetried_thenOnlyThatOneRunsAgain() throws Exception {
        journal.write(new JournalRecord("ctr1", Optional.empty(), Optional.empty(), Optional.empty(), JournalRecord.State.ATTACHED,
                List.of(entry("cluster", "good", "eth0"), entry("flaky", "flaky", "net1"))));

        assertThatThrownBy(() -> detacher.detach(del(), List::of))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(11);
                    assertThat(e.getMessage()).isEqualTo("network ns/flaky (net1): busy");
                });
        assertThat(journal.read("ctr1")).hasValueSatisfying(r ->
                assertThat(r.entries()).extracting(JournalEntry::ifName).containsExactly("net1"));

        Files.delete(binDir.resolve("flaky"));
        FakePlugins.install(binDir, "recorder", "flaky");
        detacher.detach(del(), List::of);

        assertThat(journal.read("ctr1")).isEmpty();
        assertThat(FakePlugins.recordedCalls(binDir, "DEL")).extracting(FakePlugins.RecordedCall::plugin)
                .containsExactly("good", "flaky");
    }

    @Test
    void givenNoRecord_whenDel_thenFallbackFailuresAreNotReported() {
        detacher.detach(del(), () -> List.of(entry("flaky", "flaky", "net1")));

        assertThat(journal.read("ctr1")).isEmpty();
    }

    /**
     * The ATTACHED record is written without fsync: after a crash of the machine it may be empty
     * or torn. It will never read again; the DEL goes by the fallback plan and removes it, rather
     * than fail every time the runtime retries.
     */
    @Test
    void givenARecordTornByAMachineCrash_whenDel_thenTheFallbackIsDeletedAndTheRecordRemoved() throws Exception {
        journal.write(new JournalRecord("ctr1", Optional.empty(), Optional.empty(), Optional.empty(), JournalRecord.State.PLANNED,
                List.of(entry("cluster", "good", "eth0"))));
        Path record = journal.dir().resolve("ctr1.json");
        byte[] bytes = Files.readAllBytes(record);
        Files.write(record, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        List<String> deleted = detacher.detach(del(), () -> List.of(entry("cluster", "good", "eth0")));

        assertThat(deleted).containsExactly("ns/cluster");
        assertThat(FakePlugins.recordedCalls(binDir, "DEL")).extracting(FakePlugins.RecordedCall::plugin).containsExactly("good");
        assertThat(record).doesNotExist();
        assertThat(journal.read("ctr1")).isEmpty();
    }

    @Test
    void givenARecordThatCannotBeReadNow_whenDel_thenTheFailureIsReportedAndNothingIsDeleted() throws Exception {
        Files.createDirectories(journal.dir().resolve("ctr1.json")); // reading it fails with an I/O error, not a decoding one

        assertThatThrownBy(() -> detacher.detach(del(), () -> List.of(entry("cluster", "good", "eth0"))))
                .isInstanceOfSatisfying(CniException.class, e -> assertThat(e.code()).isEqualTo(5));
        assertThat(FakePlugins.recordedCalls(binDir, "DEL")).isEmpty();
        assertThat(journal.dir().resolve("ctr1.json")).isDirectory();
    }
}

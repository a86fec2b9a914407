package dev.manifold.daemon.attach;

import dev.manifold.daemon.journal.AttachmentJournal;
import dev.manifold.daemon.request.CniRequest;
import dev.manifold.daemon.request.RequestParser;
import dev.manifold.daemon.resolve.PlannedAttachment;
import dev.manifold.daemon.route.DefaultRoutes;
import dev.manifold.daemon.route.NetnsCommands;
import dev.manifold.daemon.source.InMemorySource;
import dev.manifold.daemon.source.PodRef;
import dev.manifold.delegates.exec.PluginLocator;
import dev.manifold.delegates.invoke.DelegateInvoker;
import dev.manifold.delegates.spec.CniException;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkStatus;
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
import java.util.Set;

import static dev.manifold.daemon.attach.AttachFixtures.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ADD with {@code parallelSecondaries}: what runs at once, what order survives, what rollback undoes. */
class ParallelAttachTest {
    private static final PodRef POD = new PodRef("team", "web");

    @TempDir
    Path dir;

    private final ScriptedExecutor plugins = new ScriptedExecutor();
    private final InMemorySource source = new InMemorySource();
    private AttachmentJournal journal;
    private Attacher attacher;
    private CniRequest request;

    @BeforeEach
    void setUp() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String type : List.of("bridge", "macvlan", "ptp")) {
            Path p = Files.createFile(bin.resolve(type));
            assertThat(p.toFile().setExecutable(true)).isTrue();
        }
        journal = new AttachmentJournal(dir.resolve("cache"));
        DelegateInvoker invoker = new DelegateInvoker(new PluginLocator(List.of(bin)), plugins, Duration.ofSeconds(10));
        attacher = new Attacher(invoker, journal, source, new DefaultRoutes(new NetnsCommands(Duration.ofSeconds(5))));
        Path netns = Files.createFile(dir.resolve("netns"));
        request = RequestParser.fromEnv(Map.of("CNI_COMMAND", "ADD", "CNI_CONTAINERID", "c1", "CNI_NETNS", netns.toString(),
                        "CNI_IFNAME", "eth0", "CNI_ARGS", "K8S_POD_NAMESPACE=team;K8S_POD_NAME=web"),
                "{\"cniVersion\":\"1.0.0\",\"name\":\"multus-cni-network\",\"type\":\"manifold-shim\"}".getBytes(StandardCharsets.UTF_8));
    }

    private static List<PlannedAttachment> threeIndependentSecondaries() {
        return plan("macvlan-lan.json", "bridge-data.json", "ptp-link.json");
    }

    @Test
    void givenThreeIndependentSecondaries_whenAttachedInParallel_thenTheirAddsOverlap() {
        plugins.meet(Set.of("net1", "net2", "net3"));

        attacher.attach(request, Optional.of(POD), threeIndependentSecondaries(), SecondaryOrder.INDEPENDENT_AT_ONCE);

        assertThat(plugins.mostAddsAtOnce()).isEqualTo(3);
    }

    @Test
    void givenSecondariesFinishingInReverse_whenAttachedInParallel_thenNetworkStatusKeepsPlanOrder() {
        plugins.delay("net1", Duration.ofMillis(300)).delay("net2", Duration.ofMillis(150));

        attacher.attach(request, Optional.of(POD), threeIndependentSecondaries(), SecondaryOrder.INDEPENDENT_AT_ONCE);

        List<NetworkStatus> status = source.statusOf(POD).orElseThrow();
        assertThat(status).extracting(NetworkStatus::getName).containsExactly("cluster", "team/lan", "team/data", "team/link");
        assertThat(status).extracting(NetworkStatus::getInterface).containsExactly("eth0", "net1", "net2", "net3");
        assertThat(status).extracting(s -> s.getIps().getFirst())
                .containsExactly("10.9.0.100", "10.9.0.1", "10.9.0.2", "10.9.0.3");
    }

    @Test
    void givenOneOfThreeParallelSecondariesFails_whenAttached_thenEveryTriedDelegateIsDeletedInReverseOrder() {
        plugins.meet(Set.of("net1", "net2", "net3")).fail("net2");

        assertThatThrownBy(() -> attacher.attach(request, Optional.of(POD), threeIndependentSecondaries(),
                SecondaryOrder.INDEPENDENT_AT_ONCE))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(11);
                    assertThat(e.getMessage()).startsWith("network team/data (net2): ");
                });

        assertThat(plugins.calls()).filteredOn(c -> c.startsWith("DEL"))
                .containsExactly("DEL net3", "DEL net2", "DEL net1", "DEL eth0");
        assertThat(journal.read("c1")).isEmpty();
    }

    @Test
    void givenSequentialOrder_whenAttached_thenSecondariesNeverOverlap() {
        plugins.delay("net1", Duration.ofMillis(50)).delay("net2", Duration.ofMillis(50));

        attacher.attach(request, Optional.of(POD), threeIndependentSecondaries(), SecondaryOrder.SEQUENTIAL);

        assertThat(plugins.mostAddsAtOnce()).isEqualTo(1);
        assertThat(plugins.calls()).containsExactly("ADD eth0", "ADD net1", "ADD net2", "ADD net3");
    }
}

package dev.manifold.daemon.resolve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.daemon.config.ConfigParser;
import dev.manifold.daemon.config.DaemonConfig;
import dev.manifold.daemon.selection.SelectionFuzzTest;
import dev.manifold.daemon.source.InMemorySource;
import dev.manifold.delegates.config.RuntimeConfig;
import dev.manifold.testkit.fuzz.CniOutcomes;
import dev.manifold.testkit.fuzz.FuzzSettings;
import dev.manifold.testkit.fuzz.Gen;
import dev.manifold.testkit.fuzz.NetConfGen;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.statistics.Statistics;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated NAD configs (and now and then a generated networks annotation) through the planner:
 * a plan whose every attachment can be run, or code 1, 6 or 7 — the NAD named in the message.
 */
@AddLifecycleHook(FuzzSettings.class)
class PlannerFuzzTest {
    private static final Set<Integer> DOCUMENTED = Set.of(1, 6, 7);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NETWORKS = "k8s.v1.cni.cncf.io/networks";

    private Path confDir;
    private DaemonConfig cfg;

    @BeforeProperty
    void writeConfDir() throws IOException {
        confDir = Files.createTempDirectory("planner-fuzz");
        Files.writeString(confDir.resolve("10-cluster.conflist"),
                "{\"cniVersion\":\"1.0.0\",\"name\":\"cluster\",\"plugins\":[{\"type\":\"bridge\"}]}");
        Files.writeString(confDir.resolve("20-a.conf"), "{\"cniVersion\":\"1.0.0\",\"name\":\"a\",\"type\":\"macvlan\"}");
        cfg = ConfigParser.parse((ObjectNode) JSON.readTree("{\"confDir\":\"" + confDir
                + "\",\"clusterNetwork\":\"" + confDir.resolve("10-cluster.conflist") + "\"}"), k -> { });
    }

    @AfterProperty
    void removeConfDir() throws IOException {
        try (Stream<Path> files = Files.walk(confDir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    /** The spec.config of a NAD. */
    @Provide
    Arbitrary<String> nadConfigs() {
        return Gen.weighted(new int[] {9, 1}, List.of(
                NetConfGen.bytes().map(b -> new String(b, StandardCharsets.UTF_8)), Arbitraries.just("")));
    }

    /** The pod's networks annotation. */
    @Provide
    Arbitrary<String> annotations() {
        return Gen.weighted(new int[] {8, 1, 1}, List.of(
                Arbitraries.of("a, b", "a@x, team/b",
                        "[{\"name\":\"a\"},{\"name\":\"b\",\"namespace\":\"team\",\"ips\":[\"10.1.1.1/24\"]}]"),
                SelectionFuzzTest.textForm(), SelectionFuzzTest.jsonForm()));
    }

    /** NADs team/a and team/b, and the pod's annotation. */
    @Property(tries = 3_000)
    void givenGeneratedNadConfigs_whenPlanned_thenRunnablePlanOrDocumentedCode(@ForAll("nadConfigs") String configA,
                                                                                @ForAll("nadConfigs") String configB,
                                                                                @ForAll("annotations") String annotation) {
        InMemorySource source = new InMemorySource().nad("team", "a", configA).nad("team", "b", configB)
                .pod("team", "app", Map.of(NETWORKS, annotation));
        NetworkPlanner planner = new NetworkPlanner(source);
        Statistics.collect(CniOutcomes.outcome(() -> {
            List<PlannedAttachment> plan = planner.plan(cfg, Optional.of(source.podInfo("team", "app")), "eth0",
                    RuntimeConfig.empty());
            assertThat(plan.get(0).clusterNetwork()).isTrue();
            for (PlannedAttachment p : plan) {
                assertThat(p.config().name()).isNotEmpty();
                assertThat(p.config().plugins()).isNotEmpty();
                p.config().cniVersion();
            }
        }, DOCUMENTED));
    }
}

package dev.manifold.daemon.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.testkit.fuzz.CniOutcomes;
import dev.manifold.testkit.fuzz.FuzzSettings;
import dev.manifold.testkit.fuzz.Gen;
import dev.manifold.testkit.fuzz.JsonGen;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.statistics.Statistics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated daemon configs (the daemon's file, and the keys a request's {@code 00-multus.conf}
 * adds): parsing gives a usable config or fails with code 7 naming a key — never another
 * exception.
 */
@AddLifecycleHook(FuzzSettings.class)
class ConfigParserFuzzTest {
    private static final Set<Integer> DOCUMENTED = Set.of(7);

    @Provide
    Arbitrary<ObjectNode> configs() {
        Arbitrary<JsonNode> path = JsonGen.text(Arbitraries.oneOf(
                Arbitraries.of("/tmp/x", "", " ", "relative/dir", "/a\u0000b", "/a:/b", "::"), Gen.anyText(30)));
        Arbitrary<JsonNode> names = Arbitraries.oneOf(JsonGen.text(Gen.listOf(Gen.nameLike(), 4).map(l -> String.join(",", l))),
                JsonGen.arrayOf(JsonGen.text(Gen.nameLike()), 4));
        Arbitrary<JsonNode> flag = JsonGen.text(Arbitraries.of("true", "false", "yes", "1"));
        Arbitrary<JsonNode> number = JsonGen.value(0);
        Map<String, Arbitrary<JsonNode>> schema = new LinkedHashMap<>();
        for (String key : ConfigParser.KNOWN) {
            schema.put(key, path);
        }
        schema.put("defaultNetworks", names);
        schema.put("systemNamespaces", names);
        schema.put("globalNamespaces", names);
        schema.put("namespaceIsolation", flag);
        schema.put("logToStderr", flag);
        schema.put("parallelSecondaries", flag);
        schema.put("metricsPort", number);
        schema.put("delegateTimeoutSeconds", number);
        schema.put("readinessTimeoutSeconds", number);
        return JsonGen.object(schema);
    }

    @Property(tries = 5_000)
    void givenGeneratedDaemonConfigs_whenParsed_thenConfigOrCode7(@ForAll("configs") ObjectNode node) {
        Statistics.collect(CniOutcomes.outcome(() -> {
            DaemonConfig cfg = ConfigParser.parse(node, key -> { });
            assertThat(cfg.socketPath()).isNotNull();
            assertThat(cfg.binDir()).isNotNull();
            cfg.getsDefaultNetworks("default");
        }, DOCUMENTED));
    }

    @Property(tries = 2_000)
    void givenGeneratedRequestConfigs_whenMergedWithTheDaemonsAndParsed_thenConfigOrCode7(@ForAll("configs") ObjectNode node) {
        ObjectNode daemon = JsonNodeFactory.instance.objectNode().put("cniDir", "/var/lib/cni/multus");
        Statistics.collect(CniOutcomes.outcome(() -> ConfigParser.parse(ConfigParser.merge(node, daemon), key -> { }), DOCUMENTED));
    }
}

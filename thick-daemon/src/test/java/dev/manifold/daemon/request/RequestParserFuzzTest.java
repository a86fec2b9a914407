package dev.manifold.daemon.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.testkit.fuzz.CniOutcomes;
import dev.manifold.testkit.fuzz.FuzzSettings;
import dev.manifold.testkit.fuzz.Gen;
import dev.manifold.testkit.fuzz.JsonGen;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.statistics.Statistics;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Generated CNI environments and request bodies: a request is either valid throughout or refused
 * with one of the codes the parser documents (1, 4, 6, 7, 8).
 */
@AddLifecycleHook(FuzzSettings.class)
public class RequestParserFuzzTest {
    static final Set<Integer> DOCUMENTED = Set.of(1, 4, 6, 7, 8);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static Arbitrary<String> command() {
        return Gen.weighted(new int[] {8, 1}, List.of(Arbitraries.of("ADD", "DEL", "CHECK", "GC", "STATUS", "VERSION"),
                Arbitraries.oneOf(Arbitraries.of("add", "", "ADD ", "VERSION\n"), Gen.anyText(8))));
    }

    static Arbitrary<String> cniArgs() {
        Arbitrary<String> pair = Arbitraries.oneOf(
                Gen.nameLike().map(v -> "K8S_POD_NAMESPACE=" + v),
                Gen.nameLike().map(v -> "K8S_POD_NAME=" + v),
                Arbitraries.oneOf(Gen.strings(Gen.HEX + "-", 36), Gen.anyText(10)).map(v -> "K8S_POD_UID=" + v),
                Arbitraries.just("IgnoreUnknown=1"),
                Gen.strings(Gen.LOWER + "=;" + Gen.NASTY, 12));
        return Gen.listOf(pair, 6).map(pairs -> String.join(";", pairs));
    }

    /** Each variable set seven times in eight, and one time in ten a variable of any name. */
    static Arbitrary<Map<String, String>> env() {
        Map<String, Arbitrary<String>> vars = new LinkedHashMap<>();
        vars.put("CNI_COMMAND", command());
        vars.put("CNI_CONTAINERID", Gen.weighted(new int[] {6, 2, 1, 1}, List.of(Gen.strings(Gen.HEX, 64).map(s -> "c" + s),
                Gen.nameLike(), Gen.anyText(20), Gen.strings("a", 1100))));
        vars.put("CNI_NETNS", Arbitraries.oneOf(Arbitraries.of("/proc/self/ns/net", "/var/run/netns/mf-none", "", "relative",
                "/proc/self/ns/net\u0000x", "/"), Gen.anyText(20)));
        vars.put("CNI_IFNAME", Arbitraries.oneOf(Arbitraries.of("eth0", "net1", "", "a/b", "0123456789abcdef", ".."), Gen.nameLike()));
        vars.put("CNI_ARGS", cniArgs());
        vars.put("CNI_PATH", Arbitraries.oneOf(Arbitraries.just("/opt/cni/bin"), Gen.anyText(10)));
        List<Arbitrary<Optional<Map.Entry<String, String>>>> each = new ArrayList<>();
        vars.forEach((name, value) -> each.add(value.map(v -> Map.entry(name, v)).optional(7.0 / 8)));
        each.add(Combinators.combine(Gen.anyText(10), Gen.anyText(10)).as(Map::entry).optional(0.1));
        return Combinators.combine(each).as(entries -> {
            Map<String, String> env = new LinkedHashMap<>();
            entries.forEach(e -> e.ifPresent(v -> env.put(v.getKey(), v.getValue())));
            return env;
        });
    }

    /** The stdin config: 00-multus.conf with any version, broken, or not an object. */
    static Arbitrary<byte[]> config() {
        Arbitrary<ObjectNode> conf = JsonGen.object(Map.of(
                "cniVersion", JsonGen.text(Arbitraries.of("0.3.1", "0.4.0", "1.0.0", "1.1.0", "2.0.0", "")),
                "name", JsonGen.text(Gen.nameLike()),
                "type", JsonGen.text(Arbitraries.just("manifold-shim")),
                "runtimeConfig", JsonGen.value(3),
                "cni.dev/valid-attachments", JsonGen.value(3)));
        return Gen.weighted(new int[] {6, 2, 1, 1}, List.of(conf.map(c -> JsonGen.utf8(c.toString())),
                JsonGen.damaged(conf).map(JsonGen::utf8), Arbitraries.just(new byte[0]),
                JsonGen.value(2).map(v -> JsonGen.utf8(v.toString()))));
    }

    /** A wire body: the shim's shape with generated parts, damaged now and then. */
    public static Arbitrary<byte[]> body() {
        Arbitrary<String> stdin = Gen.weighted(new int[] {9, 1}, List.of(
                config().map(c -> Base64.getEncoder().encodeToString(c)), Gen.anyText(20)));
        Arbitrary<JsonNode> shaped = Combinators.combine(env(), JsonGen.value(1).optional(0.1), stdin).as((vars, ifName, conf) -> {
            ObjectNode root = NODES.objectNode();
            ObjectNode env = root.putObject("env");
            vars.forEach(env::put);
            ifName.ifPresent(v -> env.set("CNI_IFNAME", v));
            root.put("config", conf);
            return root;
        });
        return Gen.weighted(new int[] {7, 2, 1}, List.of(shaped.map(n -> JsonGen.utf8(n.toString())),
                JsonGen.damaged(shaped).map(JsonGen::utf8), JsonGen.value(3).map(v -> v.toString().getBytes(StandardCharsets.UTF_8))));
    }

    @Provide
    Arbitrary<Map<String, String>> envs() {
        return env();
    }

    @Provide
    Arbitrary<byte[]> stdinConfigs() {
        return config();
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        return body();
    }

    @Property(tries = 6_000)
    void givenGeneratedEnvironments_whenParsed_thenValidRequestOrDocumentedCode(@ForAll("envs") Map<String, String> env,
                                                                                 @ForAll("stdinConfigs") byte[] config) {
        Statistics.collect(CniOutcomes.outcome(() -> use(RequestParser.fromEnv(env, config)), DOCUMENTED));
    }

    @Property(tries = 5_000)
    void givenGeneratedBodies_whenParsed_thenValidRequestOrDocumentedCode(@ForAll("bodies") byte[] bytes) {
        Statistics.collect(CniOutcomes.outcome(() -> use(RequestParser.parse(bytes)), DOCUMENTED));
    }

    /** Everything the daemon reads of a parsed request. */
    private static void use(CniRequest req) {
        req.pod();
        req.podUid();
        req.cniVersion().supportsCheck();
        if (req.containerId().isPresent() && req.ifName().isPresent()) {
            req.pluginCall(req.ifName().get());
        }
    }
}

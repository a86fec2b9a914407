package dev.manifold.testkit.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.List;
import java.util.Map;

/**
 * jqwik {@link Arbitrary} factories for CNI network configs, as a NAD's {@code spec.config} or a
 * file in {@code confDir} holds them: conflists and single configs whose fields are mostly the
 * ones Manifold reads, with values right or wrong, plus broken JSON and random bytes.
 */
public final class NetConfGen {
    private NetConfGen() {
    }

    /** One plugin config; {@code type} is a plausible string four times out of five. */
    public static Arbitrary<ObjectNode> plugin() {
        Arbitrary<JsonNode> version = JsonGen.text(Arbitraries.of("0.1.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0", "2.0.0", "", "1.0"));
        Arbitrary<ObjectNode> fields = JsonGen.object(Map.of(
                "type", JsonGen.text(Arbitraries.oneOf(Arbitraries.of("bridge", "macvlan", "../x", "/bin/sh", ""), Gen.nameLike())),
                "name", JsonGen.text(Gen.nameLike()),
                "cniVersion", version,
                "capabilities", JsonGen.object(Map.of("ips", JsonGen.value(0), "mac", JsonGen.value(0),
                        "portMappings", JsonGen.value(0))),
                "ipam", JsonGen.object(Map.of("type", JsonGen.text(Gen.nameLike()), "subnet", JsonGen.value(1))),
                "args", JsonGen.object(Map.of("cni", JsonGen.value(2))),
                "runtimeConfig", JsonGen.value(2),
                "prevResult", JsonGen.value(2)));
        Arbitrary<String> type = Arbitraries.of("bridge", "macvlan", "host-local", "tuning");
        return Combinators.combine(fields, type.optional(0.8)).as((conf, t) -> {
            t.ifPresent(v -> conf.put("type", v));
            return conf;
        });
    }

    /** A conflist (half the time) or a single config. */
    public static Arbitrary<ObjectNode> config() {
        Arbitrary<JsonNode> plugins = JsonGen.arrayOf(Gen.weighted(new int[] {8, 1}, List.of(plugin(), JsonGen.value(1))), 5);
        Arbitrary<ObjectNode> list = JsonGen.object(Map.of(
                "name", JsonGen.text(Gen.nameLike()),
                "cniVersion", JsonGen.text(Arbitraries.of("0.3.1", "0.4.0", "1.0.0", "1.1.0", "9.9.9")),
                "cniVersions", JsonGen.arrayOf(JsonGen.text(Arbitraries.of("0.4.0", "1.0.0", "1.1.0", "3.0.0", "")), 3),
                "plugins", plugins,
                "disableCheck", JsonGen.text(Arbitraries.of("true", "false", "1", "t", "yes")),
                "disableGC", JsonGen.value(0)));
        Arbitrary<ObjectNode> conflist = Combinators.combine(list, plugins.optional(0.75)).as((l, p) -> {
            p.ifPresent(v -> l.set("plugins", v));
            return l;
        });
        return Arbitraries.oneOf(conflist, plugin());
    }

    /** Configs as bytes: mostly well-formed, some damaged, a few random bytes. */
    public static Arbitrary<byte[]> bytes() {
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(63);
        return Gen.weighted(new int[] {6, 3, 1}, List.of(config().map(c -> JsonGen.utf8(c.toString())),
                JsonGen.damaged(config()).map(JsonGen::utf8), raw));
    }
}

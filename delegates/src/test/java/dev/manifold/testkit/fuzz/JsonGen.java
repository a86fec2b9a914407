package dev.manifold.testkit.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * jqwik {@link Arbitrary} factories for parsers of JSON input: values of every type, objects
 * whose keys come mostly from a schema (so that the parser's interesting paths are reached, with
 * values of the wrong type as often as the right one), and byte-level damage to valid documents
 * (cut, dropped, doubled or replaced characters) for the syntax paths.
 *
 * <p>Every value is built afresh by a {@code map}, so a property may change the nodes it is given.
 */
public final class JsonGen {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final String STRUCTURE = "{}[]\",:\\ 0-.eE";
    private static final int CACHED_DEPTHS = 5;
    private static final List<Arbitrary<JsonNode>> VALUES = values();

    private JsonGen() {
    }

    /** One edit of a document: what to do, where (modulo its length), with which character, how much to double. */
    record Edit(int op, int at, char c, int span) {
    }

    /** Any JSON value, nested at most {@code depth} deep. */
    public static Arbitrary<JsonNode> value(int depth) {
        return depth < CACHED_DEPTHS ? VALUES.get(Math.max(0, depth)) : value(depth, value(depth - 1));
    }

    /**
     * An object whose keys are drawn from {@code schema} (each key's own arbitrary supplying a
     * plausible value half the time, any JSON value otherwise) plus, one time in five, an unknown key.
     */
    public static Arbitrary<ObjectNode> object(Map<String, ? extends Arbitrary<? extends JsonNode>> schema) {
        List<Arbitrary<Map.Entry<String, JsonNode>>> perKey = schema.entrySet().stream()
                .map(e -> Arbitraries.<JsonNode>oneOf(e.getValue(), value(2)).map(v -> Map.entry(e.getKey(), v)))
                .toList();
        Arbitrary<List<Map.Entry<String, JsonNode>>> entries = Arbitraries.oneOf(perKey).list().ofMaxSize(schema.size());
        Arbitrary<Optional<Map.Entry<String, JsonNode>>> unknown = Combinators.combine(Gen.anyText(12), value(2))
                .as(Map::entry).optional(0.2);
        return Combinators.combine(entries, unknown).as((known, extra) -> {
            ObjectNode node = NODES.objectNode();
            known.forEach(e -> node.set(e.getKey(), e.getValue().deepCopy()));
            extra.ifPresent(e -> node.set(e.getKey(), e.getValue().deepCopy()));
            return node;
        });
    }

    public static Arbitrary<JsonNode> text(Arbitrary<String> strings) {
        return strings.map(NODES::textNode);
    }

    public static Arbitrary<JsonNode> arrayOf(Arbitrary<? extends JsonNode> element, int maxSize) {
        return Gen.listOf(element.<JsonNode>map(n -> n), maxSize).map(items -> {
            ArrayNode a = NODES.arrayNode();
            items.forEach(n -> a.add(n.deepCopy()));
            return a;
        });
    }

    /** {@code valid} serialized, then damaged by one to three edits: the syntax paths of a parser. */
    public static Arbitrary<String> damaged(Arbitrary<? extends JsonNode> valid) {
        Arbitrary<Character> c = Gen.weighted(new int[] {1, 2}, List.of(
                Arbitraries.chars().range('\u0000', '\u007f'), Arbitraries.of(STRUCTURE.toCharArray())));
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 1 << 20),
                c, Arbitraries.integers().between(1, 8)).as(Edit::new);
        return Combinators.combine(valid, edit.list().ofMinSize(1).ofMaxSize(3)).as((v, edits) -> damage(v.toString(), edits));
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String damage(String text, List<Edit> edits) {
        StringBuilder sb = new StringBuilder(text);
        for (Edit e : edits) {
            int at = sb.isEmpty() ? 0 : e.at() % sb.length();
            switch (e.op()) {
                case 0 -> sb.setLength(at);
                case 1 -> {
                    if (!sb.isEmpty()) {
                        sb.deleteCharAt(at);
                    }
                }
                case 2 -> sb.insert(at, e.c());
                case 3 -> {
                    if (!sb.isEmpty()) {
                        sb.setCharAt(at, e.c());
                    }
                }
                default -> sb.insert(at, sb.substring(at, Math.min(sb.length(), at + e.span())));
            }
        }
        return sb.toString();
    }

    /** {@code value(0)} to {@code value(CACHED_DEPTHS - 1)}, built once. */
    private static List<Arbitrary<JsonNode>> values() {
        List<Arbitrary<JsonNode>> values = new ArrayList<>();
        values.add(value(0, null));
        for (int depth = 1; depth < CACHED_DEPTHS; depth++) {
            values.add(value(depth, values.get(depth - 1)));
        }
        return List.copyOf(values);
    }

    /** Null, boolean, number, text (twice as likely), and below {@code depth} 0 arrays and objects of {@code inner}. */
    private static Arbitrary<JsonNode> value(int depth, Arbitrary<JsonNode> inner) {
        Arbitrary<JsonNode> nil = Arbitraries.just(NODES.nullNode());
        Arbitrary<JsonNode> bool = Arbitraries.of(true, false).map(NODES::booleanNode);
        Arbitrary<JsonNode> integer = Arbitraries.of(0, -1, 1, 80, 65535, 65536, Integer.MAX_VALUE, Integer.MIN_VALUE)
                .map(NODES::numberNode);
        Arbitrary<JsonNode> big = Arbitraries.oneOf(
                Arbitraries.doubles().between(-5e6, 5e6).map(d -> NODES.numberNode(new BigDecimal(d))),
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TWO.pow(90).subtract(BigInteger.ONE))
                        .map(i -> NODES.numberNode(i.negate())));
        Arbitrary<JsonNode> text = text(Arbitraries.oneOf(Gen.nameLike(), Gen.anyText(40),
                Arbitraries.of("", "1.0.0", "0.4.0", "true", "10.1.1.1", "10.1.1.0/24", "02:00:00:00:00:01", "/tmp", "bridge")));
        if (depth <= 0) {
            return Gen.weighted(new int[] {1, 1, 1, 1, 2}, List.of(nil, bool, integer, big, text));
        }
        Arbitrary<JsonNode> array = inner.list().ofMaxSize(3).map(items -> {
            ArrayNode a = NODES.arrayNode();
            items.forEach(n -> a.add(n.deepCopy()));
            return a;
        });
        Arbitrary<JsonNode> object = Combinators.combine(Gen.nameLike(), inner).as(Map::entry).list().ofMaxSize(3).map(items -> {
            ObjectNode o = NODES.objectNode();
            items.forEach(e -> o.set(e.getKey(), e.getValue().deepCopy()));
            return o;
        });
        return Gen.weighted(new int[] {1, 1, 1, 1, 2, 1, 1}, List.of(nil, bool, integer, big, text, array, object));
    }
}

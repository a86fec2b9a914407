package dev.manifold.testkit.fuzz;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * jqwik {@link Arbitrary} factories for text: names, nasty characters, any UTF-16. Sizes are drawn
 * small first (most values are short; a few are long), as the properties were tuned for.
 */
public final class Gen {
    /** Characters that break naive parsers: separators, quotes, escapes, controls, non-ASCII. */
    public static final String NASTY = "/@,;:=.[]{}\"'\\ \t\n\r\0#%&*?<>|$`~^\u00e9\u2028\u0301\ud83d\ude00";
    public static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    public static final String DIGITS = "0123456789";
    public static final String HEX = "0123456789abcdef";

    private static final Arbitrary<String> NAME_LIKE = weighted(new int[] {6, 2, 1, 1, 1}, List.of(
            strings(LOWER + DIGITS + "-", 12).map(s -> s.isEmpty() ? "n" : s),
            strings(LOWER + DIGITS + "-." + NASTY, 12),
            strings(LOWER, 300),
            anyText(8),
            Arbitraries.of("", " ", ".", "..", "-a", "a-", "A", "kube-system", "default", "net1", "eth0")));

    private Gen() {
    }

    /** {@link Arbitraries#frequencyOf}: {@code weights[i]} is the relative chance of {@code arbitraries[i]}. */
    public static <T> Arbitrary<T> weighted(int[] weights, List<? extends Arbitrary<? extends T>> arbitraries) {
        if (weights.length != arbitraries.size()) {
            throw new IllegalArgumentException(weights.length + " weights for " + arbitraries.size() + " arbitraries");
        }
        List<Tuple2<Integer, Arbitrary<T>>> frequencies = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            frequencies.add(Tuple.of(weights[i], arbitraries.get(i).<T>map(t -> t)));
        }
        return Arbitraries.frequencyOf(frequencies);
    }

    /** A size in {@code [0, max]}, small ones far more likely than large ones. */
    public static Arbitrary<Integer> size(int max) {
        return weighted(new int[] {7, 2, 1}, List.of(
                Arbitraries.integers().between(0, Math.min(max, 4)),
                Arbitraries.integers().between(0, Math.min(max, 16)),
                Arbitraries.integers().between(0, max)));
    }

    /** Lists of {@code element} of a {@link #size} up to {@code maxSize}. */
    public static <T> Arbitrary<List<T>> listOf(Arbitrary<T> element, int maxSize) {
        return size(maxSize).flatMap(n -> element.list().ofSize(n));
    }

    /** Strings of characters from {@code alphabet} (code points, so surrogate pairs stay whole). */
    public static Arbitrary<String> strings(String alphabet, int maxLength) {
        Arbitrary<String> codePoint = Arbitraries.of(alphabet.codePoints().mapToObj(Character::toString).distinct().toList());
        return listOf(codePoint, maxLength).map(cps -> String.join("", cps));
    }

    /** Any UTF-16 text, lone surrogates included; three characters in four are ASCII. */
    public static Arbitrary<String> anyText(int maxLength) {
        Arbitrary<Character> c = weighted(new int[] {3, 1}, List.of(
                Arbitraries.chars().range('\u0000', '\u007f'),
                Arbitraries.chars().range('\u0000', '\uffff')));
        return listOf(c, maxLength).map(cs -> cs.stream().map(String::valueOf).collect(Collectors.joining()));
    }

    /** Mostly well-formed names, sometimes with a nasty character, sometimes very long. */
    public static Arbitrary<String> nameLike() {
        return NAME_LIKE;
    }
}

package dev.manifold.testkit.fuzz;

import dev.manifold.delegates.spec.CniException;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * What a fuzz property checks of one input: the code under test returns, or refuses the input
 * with a {@link CniException} whose code is documented and whose message is short. The label
 * returned ({@code "ok"}, {@code "code 7"} …) is for {@code net.jqwik.api.statistics.Statistics#collect},
 * which jqwik prints after the property as the outcome counts of the run.
 */
public final class CniOutcomes {
    private static final int MAX_SHOWN = 2_000;

    private CniOutcomes() {
    }

    /**
     * Runs {@code action}: {@code "ok"} when it returns, {@code "code N"} when it throws a
     * {@link CniException} with a code in {@code documented}.
     *
     * @throws AssertionError for an undocumented code, or a message empty or of 1 KiB or more
     *                        (any other exception or error propagates: jqwik reports the input)
     */
    public static String outcome(Runnable action, Set<Integer> documented) {
        try {
            action.run();
            return "ok";
        } catch (CniException e) {
            if (!documented.contains(e.code())) {
                throw new AssertionError("undocumented CNI code " + e.code() + ": " + e.getMessage(), e);
            }
            if (e.getMessage() == null || e.getMessage().isBlank() || e.getMessage().length() >= 1024) {
                throw new AssertionError("CNI error message empty or longer than 1 KiB: " + show(e.getMessage()), e);
            }
            return "code " + e.code();
        }
    }

    /** Text (or bytes, as UTF-8) Java-escaped and quoted, cut short: for failure messages and reports. */
    public static String show(Object input) {
        String s = input instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(input);
        StringBuilder out = new StringBuilder("\"");
        s.chars().limit(MAX_SHOWN).forEach(c -> {
            if (c == '"' || c == '\\') {
                out.append('\\').append((char) c);
            } else if (c < 0x20 || (c >= 0x7f && c < 0xa0) || Character.isSurrogate((char) c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append((char) c);
            }
        });
        return out.append(s.length() > MAX_SHOWN ? "\"... (" + s.length() + " chars)" : "\"").toString();
    }
}

package dev.manifold.shim;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.IOException;

/**
 * Writes compact JSON text into a {@link StringBuilder}. Gson's {@code JsonWriter} would do, but its
 * first use compiles regular expressions and loads {@code java.util.Formatter}, which costs the shim
 * milliseconds on every start; reading still uses Gson's {@code JsonReader}.
 */
final class JsonText {

    private JsonText() {
    }

    /** Appends {@code value} as a JSON string: quoted, with the escapes RFC 8259 §7 requires. */
    static StringBuilder quote(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                // U+2028/U+2029 are valid JSON but break JavaScript consumers; escaping costs nothing.
                case '\u2028', '\u2029' -> out.append(c == '\u2028' ? "\\u2028" : "\\u2029");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    /** Appends {@code "name":} to an object being written. */
    static StringBuilder name(StringBuilder out, String name) {
        return quote(out, name).append(':');
    }

    /**
     * Copies the reader's next value, whatever its depth, token by token. Numbers keep their exact
     * literal text ({@code 1.50e2} stays {@code 1.50e2}); insignificant whitespace is dropped.
     */
    static void copyValue(JsonReader in, StringBuilder out) throws IOException {
        JsonToken token = in.peek();
        if (token == JsonToken.BEGIN_OBJECT) {
            in.beginObject();
            out.append('{');
            for (boolean first = true; in.hasNext(); first = false) {
                name(first ? out : out.append(','), in.nextName());
                copyValue(in, out);
            }
            in.endObject();
            out.append('}');
        } else if (token == JsonToken.BEGIN_ARRAY) {
            in.beginArray();
            out.append('[');
            for (boolean first = true; in.hasNext(); first = false) {
                copyValue(in, first ? out : out.append(','));
            }
            in.endArray();
            out.append(']');
        } else if (token == JsonToken.STRING) {
            quote(out, in.nextString());
        } else if (token == JsonToken.NUMBER) {
            out.append(in.nextString());
        } else if (token == JsonToken.BOOLEAN) {
            out.append(in.nextBoolean());
        } else {
            in.nextNull(); // peek() has already rejected anything that is not a value
            out.append("null");
        }
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();
}

package dev.manifold.shim;

import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTextTest {

    @Test
    void givenQuotesBackslashesAndControlCharacters_whenQuoted_thenGsonReadsBackTheSameString() {
        String nasty = "say \"hi\"\\ \n\r\t \u0000\u001f \u2028 ü → 😀";

        String quoted = JsonText.quote(new StringBuilder(), nasty).toString();

        assertThat(JsonParser.parseString(quoted).getAsString()).isEqualTo(nasty);
    }

    @Test
    void givenControlCharacter_whenQuoted_thenItIsWrittenAsUnicodeEscape() {
        String quoted = JsonText.quote(new StringBuilder(), "a\u0001b").toString();

        assertThat(quoted).isEqualTo("\"a\\u0001b\"");
    }

    @Test
    void givenPrettyNestedDocument_whenCopied_thenOutputIsCompactAndKeepsNumberLiterals() throws IOException {
        String pretty = """
                {
                  "a": [ 1, -0.5, 1.50e2, 12345678901234567890 ],
                  "b": { "c": null, "d": true, "e": "x\\ty" },
                  "f": [],
                  "g": {}
                }
                """;
        StringBuilder out = new StringBuilder();

        JsonText.copyValue(new JsonReader(new StringReader(pretty)), out);

        assertThat(out).hasToString(
                "{\"a\":[1,-0.5,1.50e2,12345678901234567890],\"b\":{\"c\":null,\"d\":true,\"e\":\"x\\ty\"},"
                        + "\"f\":[],\"g\":{}}");
    }
}

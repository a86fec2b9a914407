package dev.manifold.delegates.config;

import dev.manifold.delegates.spec.CniException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

/** Every malformed shape under {@code fixtures/config/invalid/}, with its code and message. */
class MalformedConfigTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not-json.txt                        | 6 | network config is not valid JSON: Unrecognized token of 4 characters
            empty.txt                           | 6 | network config is empty
            array.json                          | 6 | network config is not a JSON object but an array
            trailing-garbage.txt                | 6 | network config is not valid JSON
            single-no-type.json                 | 7 | network config: "type" is missing
            single-type-number.json             | 7 | network config: "type" must be a string, not a number
            single-type-empty.json              | 7 | network config: "type" is empty
            single-unknown-version.json         | 1 | network "mfx": unsupported CNI version "7.7.7"
            list-no-name.json                   | 7 | network config list: "name" is missing
            list-name-number.json               | 7 | network config list: "name" must be a string, not a number
            list-plugins-object.json            | 7 | network "mfx": "plugins" must be an array, not an object
            list-plugins-empty.json             | 7 | network "mfx": "plugins" is empty
            list-plugin-string.json             | 7 | network "mfx": plugins[1]: must be an object, not a string
            list-plugin-no-type.json            | 7 | network "mfx": plugins[1]: "type" is missing
            list-plugin-capabilities-array.json | 7 | network "mfx": plugins[0]: "capabilities" must be an object, not an array
            list-unknown-version.json           | 1 | network "mfx": unsupported CNI version "8.0.0"
            list-versions-string.json           | 7 | network "mfx": "cniVersions" must be an array, not a string
            list-versions-none-known.json       | 1 | network "mfx": none of the versions in "cniVersions" is supported
            list-disable-check-bad.json         | 7 | network "mfx": "disableCheck" must be a boolean or "true"/"false", not "maybe"
            """)
    void givenMalformedConfig_whenParsedAny_thenCodeAndMessageSayWhatIsWrong(String file, int code, String message) {
        byte[] bytes = ConfigFixtures.bytes("invalid/" + file);

        assertThatThrownBy(() -> NetConfList.parseAny(bytes))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).startsWith(message);
                });
    }

    @Test
    void givenSingleConfig_whenParsedAsConflist_thenPluginsIsMissing() {
        byte[] bytes = ConfigFixtures.bytes("macvlan.conf");

        assertThatThrownBy(() -> NetConfList.parse(bytes))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(7);
                    assertThat(e.getMessage()).isEqualTo("network \"mfmacvlan\": \"plugins\" is missing");
                });
    }

    @Test
    void givenHugeGarbage_whenParsed_thenMessageDoesNotDumpTheInput() {
        byte[] bytes = ("nonsense" + "x".repeat(100_000)).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> NetConf.parse(bytes))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(6);
                    assertThat(e.getMessage()).hasSizeLessThan(300);
                });
    }

    @Test
    void givenHugeStringValueAfterAnError_whenParsed_thenMessageDoesNotDumpIt() {
        byte[] bytes = ("{\"type\":\"bridge\",\"x\":\"" + "y".repeat(100_000) + "\" oops}").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> NetConf.parse(bytes))
                .isInstanceOfSatisfying(CniException.class, e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }
}

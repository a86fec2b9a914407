package dev.manifold.delegates.config;

import dev.manifold.delegates.spec.CniException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A config is where credentials live (a plugin's token, a kubeconfig named by mistake as the
 * cluster network). Errors about a config say what is wrong and where, never what it holds.
 */
class ConfigSecretsTest {
    private static final String SECRET = "eyJhbGciOiJSUzI1NiJ9.mf-fake-service-account-token";

    private static CniException parseFailure(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return (CniException) org.assertj.core.api.Assertions.catchThrowable(() -> NetConfList.parseAny(bytes));
    }

    @Test
    void givenATokenFileReadAsAConfig_whenParsed_thenTheErrorDoesNotQuoteIt() {
        CniException e = parseFailure(SECRET);

        assertThat(e.code()).isEqualTo(6);
        assertThat(e.getMessage()).doesNotContain("eyJhbGci").contains("Unrecognized token of ");
    }

    @Test
    void givenAnUnquotedSecretInAConfig_whenParsed_thenTheErrorDoesNotQuoteIt() {
        CniException e = parseFailure("{\"type\":\"bridge\",\"token\": " + SECRET + "}");

        assertThat(e.getMessage()).doesNotContain("mf-fake");
    }

    @Test
    void givenAQuotedSecretBeforeASyntaxError_whenParsed_thenTheErrorDoesNotQuoteIt() {
        CniException e = parseFailure("{\"type\":\"bridge\",\"token\":\"" + SECRET + "\",,}");

        assertThat(e.getMessage()).doesNotContain("mf-fake");
    }

    @Test
    void givenAValidConfigWithASecret_whenPrinted_thenOnlyItsNameShows() {
        NetConfList list = NetConfList.parseAny(("{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"type\":\"bridge\",\"token\":\""
                + SECRET + "\"}").getBytes(StandardCharsets.UTF_8));

        assertThat(list.toString()).doesNotContain("mf-fake");
        assertThat(list.plugins().get(0).toString()).doesNotContain("mf-fake");
    }

    @Test
    void givenAConfigWhoseTypeIsWrong_whenParsed_thenTheErrorNamesTheKindNotTheValue() {
        assertThatThrownBy(() -> NetConf.parse(("{\"type\":{\"token\":\"" + SECRET + "\"}}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(CniException.class, e -> assertThat(e.getMessage()).doesNotContain("mf-fake"));
    }
}

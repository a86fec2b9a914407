package dev.manifold.daemon.selection;

import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MalformedSelectionTest {
    static List<SelectionFixtures.Case> malformed() {
        return SelectionFixtures.cases("malformed.txt");
    }

    @Test
    void givenFixtureFile_whenRead_thenItHoldsCases() {
        assertThat(malformed()).hasSizeGreaterThan(40);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void givenMalformedNetworksAnnotation_whenParsed_thenCode7SaysWhere(SelectionFixtures.Case c) {
        CniException e = catchThrowableOfType(CniException.class, () -> NetworkSelections.parse(c.input(), "default"));

        assertThat(e).as("parse(%s) must fail", c.input()).isNotNull();
        assertThat(e.code()).isEqualTo(CniErrorCode.INVALID_NETWORK_CONFIG.code());
        assertThat(e.getMessage()).startsWith("k8s.v1.cni.cncf.io/networks: ").contains(c.fragment());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void givenMalformedNetworksAnnotation_whenParsed_thenTheMessageIsShort(SelectionFixtures.Case c) {
        CniException e = catchThrowableOfType(CniException.class, () -> NetworkSelections.parse(c.input(), "default"));

        assertThat(e.getMessage().getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSizeLessThan(1024);
    }

    @Test
    void givenHugeMalformedValue_whenParsed_thenTheEchoIsCutShort() {
        String huge = "ok," + "x".repeat(10_000) + "/y/z";

        assertThatThrownBy(() -> NetworkSelections.parse(huge, "ns"))
                .isInstanceOf(CniException.class)
                .hasMessageContaining("item 2 \"xxxx")
                .hasMessageContaining("…")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }

    @Test
    void givenHugeNumber_whenParsed_thenTheMessageSaysWhichElementAndIsShort() {
        String huge = "[{\"name\": \"a\", \"mac\": " + "9".repeat(5_000) + "}]";

        assertThatThrownBy(() -> NetworkSelections.parse(huge, "ns"))
                .isInstanceOf(CniException.class)
                .hasMessageStartingWith("k8s.v1.cni.cncf.io/networks: JSON element 1: ")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }

    @Test
    void givenUnterminatedJson_whenParsed_thenJacksonsSourceExcerptIsLeftOut() {
        assertThatThrownBy(() -> NetworkSelections.parse("[{\"name\": \"a\"", "ns"))
                .hasMessageStartingWith("k8s.v1.cni.cncf.io/networks: invalid JSON at column 14: Unexpected end-of-input")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Source"));
    }

    @Test
    void givenControlCharacterInName_whenParsed_thenItIsEscapedInTheMessage() {
        assertThatThrownBy(() -> NetworkSelections.parse("bad\u0007name", "ns"))
                .hasMessageContaining("\"bad\\u0007name\"");
    }
}

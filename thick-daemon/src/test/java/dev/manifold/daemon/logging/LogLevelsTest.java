package dev.manifold.daemon.logging;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class LogLevelsTest {
    @ParameterizedTest
    @CsvSource({"debug, DEBUG", "verbose, INFO", "info, INFO", "warn, WARN", "warning, WARN", "error, WARN",
            "panic, ERROR", "DEBUG, DEBUG", "Verbose, INFO"})
    void givenLevelName_whenParsed_thenLogbackLevel(String name, String expected) {
        assertThat(LogLevels.parse(name)).contains(Level.toLevel(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"trace", "fatal", "", "loud"})
    void givenUnknownName_whenParsed_thenEmpty(String name) {
        assertThat(LogLevels.parse(name)).isEmpty();
    }
}

package dev.manifold.daemon.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.daemon.config.ConfigParser;
import dev.manifold.daemon.config.DaemonConfig;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** logback as the daemon config sets it up, in a context of the test's own. */
class DaemonLoggingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 1 KiB per line: 1,100 lines are a little over one 1 MB file. */
    private static final String KIB = "x".repeat(1024);

    @TempDir
    Path dir;

    private final LoggerContext context = new LoggerContext();

    @BeforeEach
    void giveTheContextAnMdc() {
        // The process's context gets one from SLF4J; a context made by hand has none.
        context.setMDCAdapter(new LogbackMDCAdapter());
    }

    @AfterEach
    void stopContext() {
        context.stop();
    }

    private static DaemonConfig config(String json) throws IOException {
        return ConfigParser.parse((ObjectNode) JSON.readTree(json), key -> { });
    }

    private Path logFile() {
        return dir.resolve("logs/manifold.log");
    }

    private DaemonConfig fileConfig(String extra) throws IOException {
        return config("{\"logToStderr\":false,\"logFile\":\"" + logFile() + "\"" + extra + "}");
    }

    private List<Path> archives() throws IOException {
        try (Stream<Path> files = Files.list(logFile().getParent())) {
            return files.filter(f -> !f.equals(logFile())).sorted().toList();
        }
    }

    private static long totalSize(List<Path> files) {
        return files.stream().mapToLong(f -> f.toFile().length()).sum();
    }

    @Test
    void givenLogFile_whenInfoLevel_thenInfoIsWrittenAndDebugIsNot() throws Exception {
        DaemonLogging.configure(context, fileConfig(",\"logLevel\":\"info\""));

        context.getLogger("dev.manifold.x").debug("a debug line");
        context.getLogger("dev.manifold.x").info("an info line");

        assertThat(Files.readString(logFile())).contains("an info line").doesNotContain("a debug line");
    }

    @Test
    void givenMultusErrorLevel_whenWarningAndInfoLogged_thenOnlyTheWarningIsWritten() throws Exception {
        DaemonLogging.configure(context, fileConfig(",\"logLevel\":\"error\""));

        context.getLogger("dev.manifold.x").info("an info line");
        context.getLogger("dev.manifold.x").warn("a failed request");

        assertThat(Files.readString(logFile())).contains("a failed request").doesNotContain("an info line");
    }

    @Test
    void givenDebugLevel_whenConfigured_thenLibrariesStayAtWarn() throws Exception {
        DaemonLogging.configure(context, fileConfig(",\"logLevel\":\"debug\""));

        assertThat(context.getLogger("io.fabric8").getLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void givenLogLine_whenWritten_thenItHasTheDaemonPattern() throws Exception {
        DaemonLogging.configure(context, fileConfig(""));

        context.getLogger("manifold.cni").info("ADD team/app c0ffee01 eth0 networks=[cluster] ok 3ms");

        assertThat(Files.readString(logFile())).matches(
                "\\d{4}-\\d\\d-\\d\\dT[0-9:.]+\\S* INFO  \\[ ] cni: ADD team/app c0ffee01 eth0 networks=\\[cluster] ok 3ms\\n");
    }

    @Test
    void givenLogToStderrFalse_whenConfigured_thenNoStderrAppender() throws Exception {
        DaemonLogging.configure(context, fileConfig(""));

        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(DaemonLogging.STDERR_APPENDER)).isNull();
    }

    @Test
    void givenDefaults_whenConfigured_thenStderrOnlyAtInfo() throws Exception {
        Level level = DaemonLogging.configure(context, config("{}"));

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(level).isEqualTo(Level.INFO);
        assertThat(root.getAppender(DaemonLogging.STDERR_APPENDER)).isNotNull();
        assertThat(root.getAppender(DaemonLogging.FILE_APPENDER)).isNull();
    }

    @Test
    void givenUnknownLevel_whenConfigured_thenInfoAndAWarningSayingSo() throws Exception {
        Level level = DaemonLogging.configure(context, fileConfig(",\"logLevel\":\"loud\""));

        assertThat(level).isEqualTo(Level.INFO);
        assertThat(Files.readString(logFile())).contains("logLevel \"loud\" is not one of");
    }

    @Test
    void givenOneMegabyteFiles_whenMoreIsLogged_thenTheFileRollsIntoACompressedArchive() throws Exception {
        DaemonLogging.configure(context, fileConfig(",\"logOptions\":{\"maxSize\":1}"));

        for (int i = 0; i < 1100; i++) {
            context.getLogger("dev.manifold.x").info(KIB);
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(archives()).singleElement()
                .satisfies(a -> assertThat(a.getFileName().toString()).matches("manifold\\.log\\.\\d{4}-\\d\\d-\\d\\d\\.0\\.gz")));
        assertThat(logFile().toFile().length()).isLessThan(1024 * 1024);
    }

    @Test
    void givenTwoBackups_whenManyFilesRolled_thenTheArchivesStayWithinTwoFilesWorth() throws Exception {
        DaemonLogging.configure(context, fileConfig(",\"logOptions\":{\"maxSize\":1,\"maxBackups\":2,\"compress\":false}"));

        for (int i = 0; i < 6 * 1100; i++) {
            context.getLogger("dev.manifold.x").info(KIB);
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(totalSize(archives())).isLessThanOrEqualTo(2L * 1024 * 1024 + 64 * 1024));
    }

    @Test
    void givenLogFileThatCannotBeCreated_whenConfigured_thenFailsNamingIt() throws Exception {
        Files.writeString(dir.resolve("logs"), "a file where the log directory should be");

        assertThatThrownBy(() -> DaemonLogging.configure(context, fileConfig("")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(logFile().toString());
    }
}

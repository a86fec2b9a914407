package dev.manifold.daemon.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import dev.manifold.daemon.config.DaemonConfig;
import dev.manifold.daemon.config.LogOptions;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Points logback at what the daemon config asks for ({@code logLevel}, {@code logFile},
 * {@code logOptions}, {@code logToStderr}), replacing the stderr appender of {@code logback.xml}.
 * Call once at start, before the daemon serves.
 *
 * <p>The file rolls over when it reaches {@code maxSize} MB and at midnight, into
 * {@code <logFile>.<yyyy-MM-dd>.<n>[.gz]} beside it; archives older than {@code maxAge} days go, and
 * so do the oldest ones once the archives exceed {@code maxBackups × maxSize} MB, which bounds the
 * disk used to about {@code (maxBackups + 1) × maxSize} MB. With {@code logToStderr} false and no
 * {@code logFile} nothing is logged, as in Multus.
 *
 * <p>Jetty, fabric8 and OkHttp stay at WARN even at {@code debug}: their debug output is a flood
 * that says nothing about CNI requests.
 */
public final class DaemonLogging {
    /** The line format, the same as {@code logback.xml}'s: pod and container from the MDC. */
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%X{pod:-} %X{container:-}] %logger{0}: %msg%n";
    static final String STDERR_APPENDER = "STDERR";
    static final String FILE_APPENDER = "FILE";
    private static final List<String> CHATTY_LIBRARIES = List.of("org.eclipse.jetty", "io.fabric8", "io.vertx", "io.netty");

    private DaemonLogging() {
    }

    /** Configures the process's logback context. */
    public static void configure(DaemonConfig cfg) {
        configure((LoggerContext) LoggerFactory.getILoggerFactory(), cfg);
    }

    /**
     * @return the level the root logger was set to
     * @throws IllegalStateException when {@code logFile} cannot be opened for writing
     */
    static Level configure(LoggerContext ctx, DaemonConfig cfg) {
        Optional<Level> named = LogLevels.parse(cfg.logLevel());
        Level level = named.orElse(Level.INFO);
        Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        if (cfg.logToStderr()) {
            root.addAppender(stderr(ctx));
        }
        if (cfg.logFile().isPresent()) {
            root.addAppender(rollingFile(ctx, cfg.logFile().get(), cfg.logOptions()));
        }
        root.setLevel(level);
        Level libraries = level.isGreaterOrEqual(Level.WARN) ? level : Level.WARN;
        CHATTY_LIBRARIES.forEach(name -> ctx.getLogger(name).setLevel(libraries));
        if (named.isEmpty()) {
            // Multus ignores an unknown level too; say so once rather than refuse to start.
            ctx.getLogger(DaemonLogging.class).warn("logLevel \"{}\" is not one of debug, verbose, info, warn, error, "
                    + "panic; logging at info", cfg.logLevel());
        }
        return level;
    }

    private static ConsoleAppender<ILoggingEvent> stderr(LoggerContext ctx) {
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(ctx);
        appender.setName(STDERR_APPENDER);
        appender.setTarget("System.err");
        appender.setEncoder(encoder(ctx));
        appender.start();
        return appender;
    }

    private static RollingFileAppender<ILoggingEvent> rollingFile(LoggerContext ctx, Path file, LogOptions options) {
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(ctx);
        appender.setName(FILE_APPENDER);
        appender.setFile(file.toString());
        long maxFileBytes = options.maxSizeMegabytes() * FileSize.MB_COEFFICIENT;
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(ctx);
        policy.setParent(appender);
        // Daily periods, so that maxHistory counts days as Multus's maxAge does.
        policy.setFileNamePattern(file + ".%d{yyyy-MM-dd}.%i" + (options.compress() ? ".gz" : ""));
        policy.setMaxFileSize(new FileSize(maxFileBytes));
        policy.setMaxHistory(options.maxAgeDays());
        if (options.maxBackups() > 0) {
            policy.setTotalSizeCap(new FileSize(maxFileBytes * options.maxBackups()));
        }
        policy.start();
        appender.setRollingPolicy(policy);
        appender.setEncoder(encoder(ctx));
        appender.start();
        if (!appender.isStarted()) {
            throw new IllegalStateException("cannot write the log file " + file + " (logFile)");
        }
        return appender;
    }

    private static PatternLayoutEncoder encoder(LoggerContext ctx) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern(PATTERN);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        return encoder;
    }
}

package dev.manifold.daemon.logging;

import ch.qos.logback.classic.Level;

import java.util.Locale;
import java.util.Optional;

/**
 * {@code logLevel} names → logback levels. Multus knows {@code debug}, {@code verbose},
 * {@code error} and {@code panic}; Manifold also takes {@code info} and {@code warn}:
 *
 * <ul>
 *   <li>{@code debug} → DEBUG;</li>
 *   <li>{@code verbose} and {@code info} → INFO: Multus logs its per-request lines at verbose,
 *       and Manifold's one line per request is INFO;</li>
 *   <li>{@code warn}/{@code warning} and {@code error} → WARN: Multus prints its warnings at error
 *       level, and a failed CNI request (WARN here) is what a user at {@code error} wants to see;</li>
 *   <li>{@code panic} → ERROR: Multus shows only unrecoverable failures, ERROR here is reserved
 *       for internal errors.</li>
 * </ul>
 * Case is ignored, as Multus does.
 */
final class LogLevels {
    private LogLevels() {
    }

    /** @return empty for a name that is none of the above */
    static Optional<Level> parse(String name) {
        return Optional.ofNullable(switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "debug" -> Level.DEBUG;
            case "verbose", "info" -> Level.INFO;
            case "warn", "warning", "error" -> Level.WARN;
            case "panic" -> Level.ERROR;
            default -> null;
        });
    }
}

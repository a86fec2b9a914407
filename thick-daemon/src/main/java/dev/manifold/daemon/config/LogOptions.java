package dev.manifold.daemon.config;

/**
 * Rotation of the daemon's {@code logFile}: Multus's {@code logOptions}, same keys, same
 * defaults (100 MB files, 5 backups, 5 days, gzip).
 *
 * @param maxAgeDays       archives older than this many days are deleted; 0 keeps them
 * @param maxSizeMegabytes the file rolls over when it reaches this size; 0 means the default
 * @param maxBackups       archives kept, counted as {@code maxBackups × maxSizeMegabytes} of
 *                         archive space (the oldest go first); 0 keeps them all
 * @param compress         gzip the archives
 */
public record LogOptions(int maxAgeDays, int maxSizeMegabytes, int maxBackups, boolean compress) {
    private static final int DEFAULT_MAX_SIZE_MEGABYTES = 100;
    public static final LogOptions DEFAULTS = new LogOptions(5, DEFAULT_MAX_SIZE_MEGABYTES, 5, true);

    public LogOptions {
        if (maxAgeDays < 0 || maxSizeMegabytes < 0 || maxBackups < 0) {
            throw new IllegalArgumentException("logOptions must not be negative");
        }
        if (maxSizeMegabytes == 0) {
            maxSizeMegabytes = DEFAULT_MAX_SIZE_MEGABYTES;
        }
    }
}

package dev.manifold.daemon.dispatch;

import dev.manifold.daemon.watch.DirectoryWatcher;
import dev.manifold.daemon.watch.FilePresence;
import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code readinessindicatorfile}: the cluster network's "I am up" marker. An ADD waits, bounded,
 * until the file exists, then fails with code 11 naming it; STATUS reports code 50 while it is
 * missing.
 *
 * <p>Whether the file exists is inotify-driven state ({@link FilePresence}), not a per-request
 * {@code stat} (Multus's per-request polling added latency, CNI-NOTES 11): a waiting ADD sleeps
 * until the watcher thread says the file appeared, and proceeds at once. Each file named by a
 * request's config is tracked from its first use until {@link #close()}; the watcher thread is
 * started on first use, so a daemon without the key has none.
 */
public final class ReadinessGate implements AutoCloseable {
    private final Map<Path, FilePresence> files = new ConcurrentHashMap<>();
    private DirectoryWatcher watcher;
    private boolean closed;

    /**
     * Returns when {@code file} is empty or exists, waiting up to {@code timeout} for it.
     *
     * @throws CniException code 11 naming the file when it still does not exist, or cannot be watched
     */
    void await(Optional<Path> file, Duration timeout) {
        if (file.isEmpty()) {
            return;
        }
        FilePresence presence = presence(file.get());
        try {
            if (presence.awaitPresent(timeout)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CniException(CniErrorCode.TRY_AGAIN_LATER, "interrupted while waiting for readiness indicator file "
                    + file.get());
        }
        if (presence.broken()) {
            throw new CniException(CniErrorCode.TRY_AGAIN_LATER, "lost the watch on readiness indicator file " + file.get());
        }
        throw new CniException(CniErrorCode.TRY_AGAIN_LATER, "cluster network not ready: readiness indicator file "
                + file.get() + " does not exist after " + timeout.toSeconds() + "s");
    }

    /** @throws CniException code 50 naming the file while it does not exist */
    void requirePresent(Optional<Path> file) {
        if (file.isPresent() && !presence(file.get()).present()) {
            throw new CniException(CniErrorCode.PLUGIN_NOT_AVAILABLE, "readiness indicator file " + file.get()
                    + " does not exist");
        }
    }

    /** The tracked presence of {@code file}, tracking it anew when it is new or its watch was lost. */
    private FilePresence presence(Path file) {
        FilePresence tracked = files.get(file); // the usual case: no lock taken
        if (tracked != null && !tracked.broken()) {
            return tracked;
        }
        return files.compute(file, (path, known) -> {
            if (known != null && !known.broken()) {
                return known;
            }
            try {
                return FilePresence.track(watcher(), path, present -> { });
            } catch (IOException e) {
                throw new CniException(CniErrorCode.TRY_AGAIN_LATER, "cannot watch readiness indicator file " + path
                        + ": " + e.getMessage(), e);
            }
        });
    }

    private synchronized DirectoryWatcher watcher() throws IOException {
        if (closed) {
            throw new IOException("the daemon is stopping");
        }
        if (watcher == null) {
            watcher = DirectoryWatcher.start("readiness", Duration.ZERO);
        }
        return watcher;
    }

    /** Stops watching; ADDs still waiting fail with code 11 at once. */
    @Override
    public synchronized void close() {
        closed = true;
        files.values().forEach(FilePresence::close);
        if (watcher != null) {
            watcher.close();
        }
    }
}

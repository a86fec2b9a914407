package dev.manifold.daemon.watch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Watches directories and tells listeners which of their entries changed. One inotify instance
 * (java.nio's {@link WatchService}, inotify on Linux) and one thread that blocks until the kernel
 * reports something: nothing is polled.
 *
 * <p>With a non-zero {@code settle} time, events are gathered until no new one has come for that
 * long (and for at most ten times that), then delivered as one {@link Event.Changed} per
 * directory: a burst (an installer writing a file in several steps, a temp-file-and-rename) costs
 * one callback. With zero, each wake-up is delivered at once.
 *
 * <p>Listeners run on the watcher thread, one at a time, and should return quickly. One that
 * throws is logged and the watcher carries on. Events are those of the directory's own entries,
 * not of subdirectories' contents.
 */
public final class DirectoryWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryWatcher.class);
    /** A burst is gathered for at most this many settle times, however long it goes on. */
    private static final long MAX_SETTLE_FACTOR = 10;

    /** What happened in a watched directory. */
    public sealed interface Event {
        Path dir();

        /** Entries created, modified, deleted or renamed in or out, as names relative to {@code dir}. */
        record Changed(Path dir, Set<Path> names) implements Event {
            public Changed {
                names = Set.copyOf(names);
            }
        }

        /** The kernel's queue overflowed and events were lost: anything in {@code dir} may have changed. */
        record Overflowed(Path dir) implements Event {
        }

        /**
         * {@code dir} was deleted; it is no longer watched. (A directory renamed elsewhere stays
         * watched under its old name: inotify follows the inode. Nothing here renames one.)
         */
        record Gone(Path dir) implements Event {
        }
    }

    /** Receives the events of one watched directory. */
    @FunctionalInterface
    public interface Listener {
        void on(Event event);
    }

    /** One listener's watch; closing it stops that listener's events (and the watch, for its last listener). */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private final WatchService service;
    private final Duration settle;
    private final Thread thread;
    /** Guarded by itself. */
    private final Map<WatchKey, Watched> watched = new HashMap<>();

    private DirectoryWatcher(WatchService service, String name, Duration settle) {
        this.service = service;
        this.settle = settle;
        this.thread = Thread.ofPlatform().name("manifold-watch-" + name).daemon().unstarted(this::run);
    }

    /**
     * Starts a watcher thread named {@code manifold-watch-<name>}.
     *
     * @throws IOException when no inotify instance can be had (the per-user limit is reached)
     */
    public static DirectoryWatcher start(String name, Duration settle) throws IOException {
        DirectoryWatcher watcher = new DirectoryWatcher(FileSystems.getDefault().newWatchService(), name, settle);
        watcher.thread.start();
        return watcher;
    }

    /**
     * Watches {@code dir}'s entries for {@code listener}; several listeners may watch one directory.
     *
     * @throws java.nio.file.NoSuchFileException when {@code dir} does not exist (inotify can only
     *         watch what exists); {@link java.nio.file.NotDirectoryException} and other
     *         {@link IOException}s as {@link Path#register} throws them
     */
    public Registration watch(Path dir, Listener listener) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        WatchKey key = absolute.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
        synchronized (watched) {
            watched.computeIfAbsent(key, k -> new Watched(absolute)).listeners.add(listener);
        }
        return () -> unwatch(key, listener);
    }

    private void unwatch(WatchKey key, Listener listener) {
        synchronized (watched) {
            Watched w = watched.get(key);
            if (w != null && w.listeners.remove(listener) && w.listeners.isEmpty()) {
                watched.remove(key);
                key.cancel();
            }
        }
    }

    /** Stops the thread and every watch; listeners get no further events. */
    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            LOG.debug("closing the watch service failed: {}", e.toString());
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        try {
            while (true) {
                Map<WatchKey, Batch> batches = new LinkedHashMap<>();
                collect(service.take(), batches);
                long deadline = System.nanoTime() + settle.toNanos() * MAX_SETTLE_FACTOR;
                while (!settle.isZero()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    WatchKey next = service.poll(Math.min(settle.toNanos(), left), TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    collect(next, batches);
                }
                batches.forEach(this::deliver);
            }
        } catch (ClosedWatchServiceException | InterruptedException stopped) {
            // close(): the end of the thread.
        }
    }

    private static void collect(WatchKey key, Map<WatchKey, Batch> batches) {
        Batch batch = batches.computeIfAbsent(key, k -> new Batch());
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                batch.overflowed = true;
            } else {
                batch.names.add((Path) event.context());
            }
        }
        // false: the directory is gone and the key with it.
        batch.gone |= !key.reset();
    }

    private void deliver(WatchKey key, Batch batch) {
        Watched w;
        List<Listener> listeners;
        synchronized (watched) {
            w = batch.gone ? watched.remove(key) : watched.get(key);
            listeners = w == null ? List.of() : List.copyOf(w.listeners);
        }
        if (w == null) {
            return;
        }
        List<Event> events = new ArrayList<>();
        if (!batch.names.isEmpty()) {
            events.add(new Event.Changed(w.dir, batch.names));
        }
        if (batch.overflowed) {
            events.add(new Event.Overflowed(w.dir));
        }
        if (batch.gone) {
            events.add(new Event.Gone(w.dir));
        }
        for (Listener listener : listeners) {
            for (Event event : events) {
                try {
                    listener.on(event);
                } catch (RuntimeException e) {
                    LOG.warn("a listener of {} failed on {}", w.dir, event, e);
                }
            }
        }
    }

    private static final class Watched {
        final Path dir;
        final List<Listener> listeners = new ArrayList<>();

        Watched(Path dir) {
            this.dir = dir;
        }
    }

    private static final class Batch {
        final Set<Path> names = new LinkedHashSet<>();
        boolean overflowed;
        boolean gone;
    }
}

package dev.manifold.daemon.watch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Whether one path exists, kept current by a {@link DirectoryWatcher} rather than asked of the
 * file system on each call: {@link #present()} reads a field and {@link #awaitPresent} sleeps on
 * a condition that the watcher thread signals. The file system is looked at only when the watch
 * reports a change to an entry on the way to the path (or lost events).
 *
 * <p>inotify can only watch what exists. While the path's parent is missing (a readiness file in
 * a directory the cluster network creates later), the nearest existing ancestor is watched, and
 * the watch moves one level down as each missing directory appears, and back up when one on the
 * way is deleted. Nothing polls, in any state.
 *
 * <p>If the watch cannot be moved (the inotify watch limit is reached), the presence is
 * {@link #broken()}: it no longer changes, waiters are woken, and the owner should track anew.
 */
public final class FilePresence implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FilePresence.class);

    private final DirectoryWatcher watcher;
    private final Path path;
    private final Consumer<Boolean> onChange;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // Guarded by lock.
    private Path watchedDir;
    private DirectoryWatcher.Registration registration;
    private boolean present;
    private boolean closed;
    private boolean broken;

    private FilePresence(DirectoryWatcher watcher, Path path, Consumer<Boolean> onChange) {
        this.watcher = watcher;
        this.path = path;
        this.onChange = onChange;
    }

    /**
     * Starts tracking {@code path}.
     *
     * @param onChange called on the watcher thread with the new state each time it flips after
     *                 this returned (not for the initial state: read {@link #present()})
     * @throws IOException when the first watch cannot be set up
     * @throws IllegalArgumentException for the file system root, which always exists
     */
    public static FilePresence track(DirectoryWatcher watcher, Path path, Consumer<Boolean> onChange) throws IOException {
        Path absolute = path.toAbsolutePath().normalize();
        if (absolute.getParent() == null) {
            throw new IllegalArgumentException("cannot track the presence of " + absolute);
        }
        FilePresence presence = new FilePresence(watcher, absolute, onChange);
        presence.lock.lock();
        try {
            presence.rearm();
        } finally {
            presence.lock.unlock();
        }
        return presence;
    }

    public boolean present() {
        lock.lock();
        try {
            return present;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the path exists, at most {@code timeout}.
     *
     * @return whether it exists; false after the timeout, or at once when closed or broken
     */
    public boolean awaitPresent(Duration timeout) throws InterruptedException {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (!present && !closed && !broken) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = changed.awaitNanos(remaining);
            }
            return present;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the watch was lost: the state is frozen and the owner should track again. */
    public boolean broken() {
        lock.lock();
        try {
            return broken;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            stopWatching();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void onEvent(DirectoryWatcher.Event event) {
        Boolean flipped = null;
        lock.lock();
        try {
            if (closed || broken || !event.dir().equals(watchedDir) || !concerns(event)) {
                return;
            }
            boolean before = present;
            if (event instanceof DirectoryWatcher.Event.Gone) {
                // Its watch is dead even if a directory of that name is back already.
                stopWatching();
            }
            try {
                rearm();
            } catch (IOException e) {
                broken = true;
                stopWatching();
                changed.signalAll();
                LOG.warn("lost the watch on {}: {}", path, e.toString());
            }
            if (present != before) {
                flipped = present;
            }
        } finally {
            lock.unlock();
        }
        if (flipped != null) {
            onChange.accept(flipped);
        }
    }

    private boolean concerns(DirectoryWatcher.Event event) {
        return switch (event) {
            case DirectoryWatcher.Event.Changed c -> c.names().contains(nextName());
            case DirectoryWatcher.Event.Overflowed o -> true;
            case DirectoryWatcher.Event.Gone g -> true;
        };
    }

    /** Watches the nearest existing directory on the way to the path, then looks at the path. */
    private void rearm() throws IOException {
        while (true) {
            Path dir = nearestExistingDirectory(path.getParent());
            if (!dir.equals(watchedDir)) {
                stopWatching();
                try {
                    registration = watcher.watch(dir, this::onEvent);
                } catch (NoSuchFileException | NotDirectoryException raced) {
                    // Deleted or replaced between the look and the watch: look again.
                    continue;
                }
                watchedDir = dir;
            }
            // What appeared between the look and the watch taking hold sent no event: look once more.
            if (!dir.equals(path.getParent()) && Files.isDirectory(dir.resolve(nextName()))) {
                continue;
            }
            setPresent(Files.exists(path));
            return;
        }
    }

    /** The entry of the watched directory on the way to the path: its own name once the parent is watched. */
    private Path nextName() {
        return watchedDir.relativize(path).getName(0);
    }

    private static Path nearestExistingDirectory(Path dir) {
        Path candidate = dir;
        while (candidate.getParent() != null && !Files.isDirectory(candidate)) {
            candidate = candidate.getParent();
        }
        return candidate;
    }

    private void setPresent(boolean now) {
        if (now != present) {
            present = now;
            changed.signalAll();
        }
    }

    private void stopWatching() {
        if (registration != null) {
            registration.close();
            registration = null;
        }
        watchedDir = null;
    }
}

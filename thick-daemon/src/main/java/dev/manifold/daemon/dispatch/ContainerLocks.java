package dev.manifold.daemon.dispatch;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serializes requests per container id (the runtime never sends two at once for one container,
 * but a retry can overlap a slow original). Locks exist only while in use, so the map stays as
 * small as the number of containers being worked on.
 */
final class ContainerLocks {
    private final ConcurrentHashMap<String, Entry> locks = new ConcurrentHashMap<>();

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    <T> T withLock(String containerId, Supplier<T> work) {
        Entry entry = locks.compute(containerId, (k, e) -> {
            Entry x = e == null ? new Entry() : e;
            x.users++;
            return x;
        });
        entry.lock.lock();
        try {
            return work.get();
        } finally {
            entry.lock.unlock();
            locks.computeIfPresent(containerId, (k, e) -> --e.users == 0 ? null : e);
        }
    }

    int size() {
        return locks.size();
    }
}

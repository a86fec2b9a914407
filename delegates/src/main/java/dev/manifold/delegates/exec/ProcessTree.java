package dev.manifold.delegates.exec;

import org.apache.commons.exec.ProcessDestroyer;
import org.apache.commons.exec.TimeoutObserver;
import org.apache.commons.exec.Watchdog;

import java.util.List;

/**
 * The plugin process of one run and everything it started, killed as a whole when the run's
 * {@link Watchdog} fires. commons-exec hands the process over through the
 * {@link ProcessDestroyer} seam (the only one that sees it) and its ExecuteWatchdog only sends
 * SIGTERM to the direct child: a plugin script's {@code sleep} or a plugin's {@code iptables}
 * would live on and keep the stdout pipe open, so the run would not return. Here every
 * descendant is listed while the parent still lives, then all get SIGKILL.
 */
final class ProcessTree implements ProcessDestroyer, TimeoutObserver {
    private Process process;
    private boolean expired;
    private boolean killed;

    @Override
    public synchronized boolean add(Process started) {
        this.process = started;
        if (expired) {
            // The timer fired while the process was still being launched.
            kill();
        }
        return true;
    }

    @Override
    public synchronized boolean remove(Process finished) {
        return true;
    }

    @Override
    public synchronized int size() {
        return process == null ? 0 : 1;
    }

    @Override
    public synchronized void timeoutOccured(Watchdog watchdog) {
        expired = true;
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    /** Whether the run was killed for running past its timeout. */
    synchronized boolean killed() {
        return killed;
    }

    private void kill() {
        killed = true;
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }
}

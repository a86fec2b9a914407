package dev.manifold.daemon.autoconf;

import dev.manifold.daemon.watch.DirectoryWatcher;
import dev.manifold.daemon.watch.FilePresence;
import dev.manifold.delegates.cache.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * {@code multusConfigFile: auto}: keeps the generated file in step with the cluster network's
 * config. It is written (atomically, mode 0644) when the daemon starts and rewritten when the
 * alphabetically first config of the autoconfig dir changes, appears or disappears — only when
 * its bytes change, so the runtime sees no churn. With no cluster network config, nothing is
 * written (a previously written file is removed: it would name a network that is gone) and the
 * dir is watched until one comes. A missing autoconfig dir is waited for the same way.
 *
 * <p>Events about Manifold's own file and hidden (temp) files are ignored; bursts are gathered
 * for {@code settle} before one regeneration. All regenerations are serialized. The chosen config
 * caught half-written (not every installer writes atomically) keeps its place until it parses
 * again or disappears.
 */
final class AutoConf implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AutoConf.class);
    /** Runtimes read CNI configs as any user; the file holds no secret. */
    static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rw-r--r--");

    private final Path dir;
    private final Path target;
    private final MultusConf conf;
    private final Set<String> metaTypes;
    private final Duration settle;
    private final Set<String> reported = new HashSet<>();
    // Guarded by this.
    private DirectoryWatcher watcher;
    private FilePresence dirPresence;
    private DirectoryWatcher.Registration contents;
    private Optional<Path> clusterNetwork = Optional.empty();
    private boolean waitingReported;
    private boolean closed;

    AutoConf(Path autoconfigDir, Path target, MultusConf conf, Set<String> metaTypes, Duration settle) {
        this.dir = autoconfigDir.toAbsolutePath().normalize();
        this.target = target.toAbsolutePath().normalize();
        this.conf = conf;
        this.metaTypes = Set.copyOf(metaTypes);
        this.settle = settle;
    }

    /**
     * Writes the file for the current cluster network (if any) and starts watching.
     *
     * @throws IOException when the watch cannot be set up or the dir cannot be read
     * @throws dev.manifold.delegates.spec.CniException code 5 when the file cannot be written
     */
    synchronized void start() throws IOException {
        watcher = DirectoryWatcher.start("autoconf", settle);
        dirPresence = FilePresence.track(watcher, dir, this::onDirPresence);
        if (dirPresence.present()) {
            watchContents();
        }
        regenerate();
    }

    /**
     * Brings the file in line with the directory now.
     *
     * @throws IOException when the directory cannot be listed
     */
    synchronized void regenerate() throws IOException {
        if (closed) {
            return;
        }
        for (Path candidate : ClusterNetworkFiles.candidates(dir, target)) {
            boolean current = clusterNetwork.equals(Optional.of(candidate));
            Optional<ClusterNetworkFile> cluster = ClusterNetworkFiles.parse(candidate, metaTypes,
                    current ? this::beingRewritten : this::skipped);
            if (cluster.isPresent()) {
                write(cluster.get());
                return;
            }
            if (current && Files.exists(candidate)) {
                // Caught half-written (not every installer writes atomically): its next write
                // brings another event; until then the file stays as it is.
                return;
            }
        }
        noClusterNetwork();
    }

    private void write(ClusterNetworkFile cluster) throws IOException {
        waitingReported = false;
        byte[] bytes = conf.render(cluster);
        if (!Arrays.equals(bytes, current())) {
            AtomicFiles.write(target, bytes, MODE);
            LOG.info("wrote {} for cluster network {}", target, cluster.path());
        }
        clusterNetwork = Optional.of(cluster.path());
        warnIfShadowed(cluster.path());
    }

    private void noClusterNetwork() {
        clusterNetwork = Optional.empty();
        if (!waitingReported) {
            LOG.info("no cluster network config in {} yet; {} is not written until one appears", dir, target);
            waitingReported = true;
        }
        if (Files.exists(target)) {
            AtomicFiles.delete(target);
            LOG.warn("removed {}: the cluster network config it named is gone from {}", target, dir);
        }
    }

    /** Stops watching; when it returns, no regeneration runs or will run. */
    @Override
    public void close() {
        DirectoryWatcher stopping;
        synchronized (this) {
            closed = true;
            if (dirPresence != null) {
                dirPresence.close();
            }
            stopping = watcher;
        }
        // Outside the lock: the watcher thread may be waiting for it, and close() joins that thread.
        if (stopping != null) {
            stopping.close();
        }
    }

    private void onDirPresence(boolean present) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (present) {
                try {
                    watchContents();
                } catch (IOException e) {
                    LOG.error("cannot watch {}: {}", dir, e.toString());
                }
            }
        }
        regenerateLogged();
    }

    private void watchContents() throws IOException {
        if (contents != null) {
            contents.close();
        }
        try {
            contents = watcher.watch(dir, this::onContents);
        } catch (NoSuchFileException deletedMeanwhile) {
            // Its presence watch will say when it is back.
            contents = null;
        }
    }

    private void onContents(DirectoryWatcher.Event event) {
        boolean relevant = switch (event) {
            case DirectoryWatcher.Event.Changed c -> c.names().stream().anyMatch(this::concerns);
            case DirectoryWatcher.Event.Overflowed o -> true;
            case DirectoryWatcher.Event.Gone g -> rewatch();
        };
        if (relevant) {
            regenerateLogged();
        }
    }

    /**
     * The dir's watch died with it. A dir of that name may already be back (deleted and made
     * again faster than its presence could flip): watch that one.
     */
    private synchronized boolean rewatch() {
        contents = null;
        if (!closed) {
            try {
                watchContents();
            } catch (IOException e) {
                LOG.error("cannot watch {}: {}", dir, e.toString());
            }
        }
        return true;
    }

    /** A config file of the dir other than Manifold's own. */
    private boolean concerns(Path name) {
        return ClusterNetworkFiles.isConfigName(name.toString()) && !dir.resolve(name).equals(target);
    }

    /** On the watcher thread: nobody up the stack would see a throw, so it is logged here. */
    private void regenerateLogged() {
        try {
            regenerate();
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot regenerate {} from {}: {}", target, dir, e.toString());
        }
    }

    private byte[] current() throws IOException {
        try {
            return Files.readAllBytes(target);
        } catch (NoSuchFileException absent) {
            return null;
        }
    }

    private void beingRewritten(Path file, String why) {
        LOG.info("cluster network config {} does not parse now ({}); {} is kept until it does", file, why, target);
    }

    private void skipped(Path file, String why) {
        if (reported.add(file + why)) {
            LOG.warn("{} is not a usable cluster network config: {}", file, why);
        }
    }

    /** Runtimes load the alphabetically first config: one sorting before ours bypasses Manifold. */
    private void warnIfShadowed(Path cluster) {
        boolean sameDir = cluster.getParent().equals(target.getParent());
        String clusterName = cluster.getFileName().toString();
        if (sameDir && clusterName.compareTo(target.getFileName().toString()) < 0 && reported.add("shadow " + cluster)) {
            LOG.warn("{} sorts before {}: the runtime will use it directly and pods get no secondary networks;"
                    + " choose a multusConfigFileName that sorts first", cluster, target);
        }
    }
}

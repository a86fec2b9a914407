package dev.manifold.daemon.autoconf;

import dev.manifold.daemon.config.DaemonConfig;
import dev.manifold.delegates.cache.AtomicFiles;
import dev.manifold.delegates.spec.CniException;
import dev.manifold.delegates.spec.CniVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Puts the CNI config that makes the runtime call the shim into {@code cniConfigDir}, as the
 * {@code multusConfigFile} key says (Multus thick's meaning):
 * <ul>
 *   <li>{@code auto}: generate {@code <cniConfigDir>/<multusConfigFileName>} from the cluster
 *       network found in {@code multusAutoconfigDir}, and keep it current while the daemon runs
 *       (see {@link MultusConf} for its keys);</li>
 *   <li>a path: install that file under its own name (once, at start);</li>
 *   <li>absent: neither (the file is managed by someone else).</li>
 * </ul>
 * {@link #start()} must run once the daemon answers on its socket: a runtime that finds the file
 * calls the shim at once (Multus pitfall: pods set up before the daemon is ready). Writes are
 * atomic (temp file and rename), mode 0644.
 *
 * <p>With {@code cleanupConfigOnExit}, {@link #close()} removes the installed file, so that a
 * node left without the daemon does not keep routing every pod through a shim with no daemon
 * behind it (CNI-NOTES 6). It defaults to false, as Multus's key does (Multus thick's daemon
 * removes its generated file on every exit): a daemon that stops to be upgraded or with its node
 * should leave the file, so that pods created meanwhile wait (the shim answers "try again later")
 * rather than start with the cluster network alone and never get their secondary networks
 * (CNI-NOTES 3). Set it where the daemon is stopped to be removed.
 */
public final class MultusConfInstaller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MultusConfInstaller.class);
    /** Gathers the writes of a cluster network installer into one regeneration. */
    static final Duration SETTLE = Duration.ofMillis(200);
    /** Plugin types that call a meta plugin again; never a cluster network. */
    private static final Set<String> META_TYPES = Set.of("multus", "multus-shim", "manifold-shim");

    private final Optional<Path> target;
    private final Optional<Path> userFile;
    private final Optional<AutoConf> auto;
    private final boolean cleanupOnExit;

    private MultusConfInstaller(Optional<Path> target, Optional<Path> userFile, Optional<AutoConf> auto, boolean cleanupOnExit) {
        this.target = target;
        this.userFile = userFile;
        this.auto = auto;
        this.cleanupOnExit = cleanupOnExit;
    }

    /** @throws CniException code 1 for a {@code cniVersion} key Manifold does not know */
    public static MultusConfInstaller of(DaemonConfig config) {
        return of(config, SETTLE);
    }

    static MultusConfInstaller of(DaemonConfig config, Duration settle) {
        Optional<String> mode = config.multusConfigFile();
        if (mode.isEmpty()) {
            return new MultusConfInstaller(Optional.empty(), Optional.empty(), Optional.empty(), false);
        }
        if (!mode.get().equals("auto")) {
            Path source = Path.of(mode.get());
            Path installed = config.cniConfigDir().resolve(source.getFileName());
            return new MultusConfInstaller(Optional.of(installed), Optional.of(source), Optional.empty(),
                    config.cleanupConfigOnExit());
        }
        Path generated = config.cniConfigDir().resolve(config.multusConfigFileName());
        MultusConf conf = new MultusConf(config.cniVersion().map(CniVersion::parse), config.shimType(), socketDirOnHost(config));
        AutoConf autoConf = new AutoConf(config.multusAutoconfigDir(), generated, conf, withShim(config.shimType()), settle);
        return new MultusConfInstaller(Optional.of(generated), Optional.empty(), Optional.of(autoConf),
                config.cleanupConfigOnExit());
    }

    /**
     * The socket directory as the shim, running on the host, sees it: a {@code socketDir} under
     * {@code chrootDir} (the host's root as the daemon sees it) is that path inside the host root.
     */
    static Path socketDirOnHost(DaemonConfig config) {
        Path socketDir = config.socketDir().toAbsolutePath().normalize();
        return config.chrootDir().map(root -> root.toAbsolutePath().normalize())
                .filter(root -> socketDir.startsWith(root) && !root.equals(socketDir.getRoot()))
                .map(root -> Path.of("/").resolve(root.relativize(socketDir)))
                .orElse(socketDir);
    }

    private static Set<String> withShim(String shimType) {
        Set<String> types = new HashSet<>(META_TYPES);
        types.add(shimType);
        return types;
    }

    /**
     * Installs or generates the file (and starts watching, for {@code auto}).
     *
     * @throws IllegalStateException naming the file when it cannot be read, written or watched:
     *         a daemon whose runtime config cannot be put in place should not look healthy
     */
    public void start() {
        try {
            if (auto.isPresent()) {
                auto.get().start();
            } else if (userFile.isPresent()) {
                AtomicFiles.write(target.orElseThrow(), Files.readAllBytes(userFile.get()), AutoConf.MODE);
                LOG.info("installed {} as {}", userFile.get(), target.get());
            }
        } catch (IOException | CniException e) {
            throw new IllegalStateException("cannot put " + target.map(Path::toString).orElse("") + " in place: " + e.getMessage(), e);
        }
    }

    /** Stops watching, then removes the file when {@code cleanupConfigOnExit} says so. */
    @Override
    public void close() {
        auto.ifPresent(AutoConf::close);
        if (cleanupOnExit && target.isPresent()) {
            try {
                AtomicFiles.delete(target.get());
                LOG.info("removed {} (cleanupConfigOnExit)", target.get());
            } catch (CniException e) {
                LOG.warn("cannot remove {} on exit: {}", target.get(), e.getMessage());
            }
        }
    }
}

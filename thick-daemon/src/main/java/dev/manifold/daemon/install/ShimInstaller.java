package dev.manifold.daemon.install;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Puts the shim bundle into a CNI bin dir so that the runtime can run {@code <bin-dir>/<name>}
 * on a host without a JDK ({@code manifold install}, run by the DaemonSet's init container).
 *
 * <p>Layout: {@code <bin-dir>/<name>} is a relative symlink to
 * {@code .manifold/current/manifold-shim}, and {@code .manifold} holds the bundles (see
 * {@link BundleStore}). An install copies the bundle to a staging directory, fsyncs it, runs it
 * once ({@link ShimProbe}), renames it to its content hash, switches {@code current} with one
 * rename, then puts the {@code <name>} link in place the same way. Nothing that may be executing
 * is ever written to ("text file busy"), and at every instant {@code <bin-dir>/<name>} runs
 * either the old complete shim or the new one. The bundle {@code current} pointed to before is
 * kept (a shim started a moment ago may still be reading it); older ones are removed.
 *
 * <p>Installing the bundle that is already current changes nothing. Switching back to the kept
 * previous bundle reuses it without copying.
 */
public final class ShimInstaller {
    /** A bare file name: what a network config's {@code "type"} can name. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);

    private final Path binDir;
    private final String name;
    private final ShimProbe probe;

    /**
     * @param binDir the CNI bin dir, which must exist ({@code /host/opt/cni/bin} in the init container)
     * @param name   the executable's name in it: {@code manifold-shim}, or {@code multus-shim} to take
     *               the place of Multus's shim under an existing {@code 00-multus.conf}
     */
    public ShimInstaller(Path binDir, String name) {
        this(binDir, name, new ShimProbe(PROBE_TIMEOUT));
    }

    ShimInstaller(Path binDir, String name, ShimProbe probe) {
        if (!NAME.matcher(name).matches()) {
            throw new InstallException("--name must be a plain file name (letters, digits, '.', '_', '-'), not '" + name + "'");
        }
        this.binDir = binDir;
        this.name = name;
        this.probe = probe;
    }

    /**
     * Installs the bundle in {@code source} (e.g. {@code shim/target/bundle}).
     *
     * @throws InstallException naming what is wrong; the previous install is then untouched
     */
    public InstallOutcome install(Path source) {
        ShimBundle bundle = ShimBundle.open(source);
        if (!Files.isDirectory(binDir)) {
            throw new InstallException("the bin dir " + binDir + " does not exist");
        }
        BundleStore store = new BundleStore(binDir.resolve(BundleStore.DIRECTORY));
        Path launcher = binDir.resolve(name);
        if (Files.isDirectory(launcher, LinkOption.NOFOLLOW_LINKS)) {
            throw new InstallException(launcher + " is a directory; it cannot be replaced by the shim");
        }
        try {
            FileChannel lock = store.lock();
            try {
                return install(bundle, store, launcher);
            } finally {
                lock.close();
            }
        } catch (IOException e) {
            throw new InstallException("cannot install the shim into " + binDir + ": " + e, e);
        }
    }

    private InstallOutcome install(ShimBundle bundle, BundleStore store, Path launcher) throws IOException {
        Optional<String> previous = store.current();
        if (previous.equals(Optional.of(bundle.id())) && store.has(bundle.id()) && launcherInPlace(launcher)) {
            return new InstallOutcome.Unchanged(bundle.id(), bundle.description(), launcher);
        }
        putInPlace(store, bundle);
        store.switchCurrent(bundle.id());
        if (!launcherInPlace(launcher)) {
            BundleStore.replaceSymlink(binDir, name, launcherTarget());
        }
        Set<String> keep = new HashSet<>();
        keep.add(bundle.id());
        previous.ifPresent(keep::add);
        store.prune(keep);
        removeStaleLinks();
        return new InstallOutcome.Installed(bundle.id(), bundle.description(), launcher,
                previous.filter(id -> !id.equals(bundle.id())));
    }

    /** Makes {@code .manifold/<id>} a complete, runnable copy of the bundle. */
    private void putInPlace(BundleStore store, ShimBundle bundle) throws IOException {
        if (store.has(bundle.id())) {
            probe.check(store.bundleDir(bundle.id()));
            return;
        }
        Path staged = store.stage(bundle);
        try {
            probe.check(staged);
        } catch (InstallException | IOException e) {
            FileTree.delete(staged);
            throw e;
        }
        store.promote(staged, bundle.id());
    }

    private boolean launcherInPlace(Path launcher) throws IOException {
        return Files.isSymbolicLink(launcher) && Files.readSymbolicLink(launcher).equals(launcherTarget());
    }

    private static Path launcherTarget() {
        return Path.of(BundleStore.DIRECTORY, BundleStore.CURRENT, ShimBundle.LAUNCHER);
    }

    /** Temporary links {@link BundleStore#replaceSymlink} left in the bin dir when an install crashed. */
    private void removeStaleLinks() throws IOException {
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(binDir, "." + name + ".*.tmp")) {
            for (Path link : stale) {
                if (Files.isSymbolicLink(link)) {
                    Files.deleteIfExists(link);
                }
            }
        }
    }
}

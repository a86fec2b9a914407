package dev.manifold.daemon.chroot;

import dev.manifold.delegates.exec.ExecOutput;
import dev.manifold.delegates.exec.PluginExecutor;
import dev.manifold.delegates.exec.PluginLocator;
import dev.manifold.delegates.exec.ProcessPluginExecutor;
import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code chrootDir}: delegate plugins run chrooted into a directory, as Multus thick runs them
 * in the host's root mounted into its pod (typically {@code /hostroot}). A plugin then sees the
 * host's files ({@code /run/flannel/subnet.env}, a Calico kubeconfig, the host's
 * {@code iptables}) although the daemon runs in a container (CNI-NOTES 15).
 *
 * <p>Each run is {@code chroot <dir> <plugin path inside the root>} (chroot(8) from coreutils
 * must be in the daemon's image). The environment is exactly the request's: CNI_PATH, CNI_NETNS
 * and every path in the plugin's config are read inside the root, which is why the root should
 * be the host's {@code /}. Pair this executor with {@link #locator}, which searches the bin dirs
 * inside the root.
 */
public final class ChrootPluginExecutor implements PluginExecutor {
    /** Where chroot(8) lives on Debian/Ubuntu, Fedora and Alpine images, tried in order. */
    static final List<Path> CHROOT_BINARIES = List.of(Path.of("/usr/sbin/chroot"), Path.of("/usr/bin/chroot"),
            Path.of("/sbin/chroot"));
    private static final Path SLASH = Path.of("/");

    private final Path root;
    private final PluginExecutor processes;

    /**
     * @throws IllegalArgumentException when {@code root} is not a directory
     * @throws IllegalStateException when no chroot binary is installed
     */
    public ChrootPluginExecutor(Path root) {
        this.root = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(this.root)) {
            throw new IllegalArgumentException("chrootDir " + root + " is not a directory");
        }
        Path chroot = CHROOT_BINARIES.stream().filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException("chrootDir is set, but no chroot binary is installed (looked for "
                        + CHROOT_BINARIES + ")"));
        this.processes = new ProcessPluginExecutor(List.of(chroot.toString(), this.root.toString()));
    }

    /** The locator to pair with this executor: {@code binDirs} are searched inside the root. */
    public PluginLocator locator(List<Path> binDirs) {
        return PluginLocator.inRoot(root, binDirs);
    }

    /**
     * Runs {@code plugin}, a path in the daemon's view under the root (as {@link #locator} returns
     * it), chrooted, by its path inside the root.
     *
     * @throws CniException code 999 when {@code plugin} is not under the root
     */
    @Override
    public ExecOutput execute(Path plugin, Map<String, String> env, byte[] stdin, Duration timeout) {
        return processes.execute(insideRoot(plugin), env, stdin, timeout);
    }

    /** {@code <root>/opt/cni/bin/bridge} → {@code /opt/cni/bin/bridge}. */
    Path insideRoot(Path plugin) {
        Path absolute = plugin.toAbsolutePath().normalize();
        if (!absolute.startsWith(root)) {
            throw new CniException(CniErrorCode.INTERNAL, "plugin " + plugin + " is outside chrootDir " + root);
        }
        return SLASH.resolve(root.relativize(absolute));
    }
}

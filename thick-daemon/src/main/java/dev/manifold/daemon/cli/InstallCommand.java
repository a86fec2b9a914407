package dev.manifold.daemon.cli;

import dev.manifold.daemon.install.InstallException;
import dev.manifold.daemon.install.InstallOutcome;
import dev.manifold.daemon.install.ShimInstaller;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code manifold install --bin-dir DIR}: puts the shim, with a Java runtime of its own, into a CNI
 * bin dir (what the DaemonSet's init container runs against the host's {@code /opt/cni/bin}).
 * Exit 0 when installed or already installed, 1 when refused (the message says why; the previous
 * install is untouched).
 */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = "Install the shim (with its own Java runtime) into a CNI bin dir, atomically.")
final class InstallCommand implements Callable<Integer> {
    @Option(names = "--bin-dir", required = true, paramLabel = "DIR",
            description = "the CNI bin dir, e.g. /host/opt/cni/bin when the host's is mounted there")
    Path binDir;

    @Option(names = "--from", paramLabel = "BUNDLE_DIR",
            description = "the shim bundle (default: <manifold home>/shim/target/bundle, or the build dir named by MANIFOLD_BUILD_DIR)")
    Path from;

    @Option(names = "--name", defaultValue = "manifold-shim",
            description = "the executable's name in the bin dir (default: ${DEFAULT-VALUE}; multus-shim takes the place of Multus's shim)")
    String name;

    @Override
    public Integer call() {
        Path source = from != null ? from : defaultBundle();
        try {
            InstallOutcome outcome = new ShimInstaller(binDir, name).install(source);
            String what = outcome.description().isEmpty() ? "the shim" : outcome.description();
            switch (outcome) {
                case InstallOutcome.Installed installed -> System.out.println("installed " + what + " as "
                        + installed.launcher() + " (bundle " + installed.bundleId()
                        + installed.replaced().map(old -> ", replacing " + old).orElse("") + ")");
                case InstallOutcome.Unchanged unchanged -> System.out.println(unchanged.launcher()
                        + " is already " + what + " (bundle " + unchanged.bundleId() + "); nothing changed");
            }
            return 0;
        } catch (InstallException e) {
            System.err.println("manifold install: " + e.getMessage());
            return 1;
        }
    }

    private static Path defaultBundle() {
        String buildDir = System.getenv("MANIFOLD_BUILD_DIR");
        return Path.of(System.getProperty("manifold.home", "."), "shim",
                buildDir == null || buildDir.isEmpty() ? "target" : buildDir, "bundle");
    }
}

package dev.manifold.daemon.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.daemon.config.ConfigParser;
import dev.manifold.daemon.config.DaemonConfig;
import dev.manifold.daemon.explain.Explainer;
import dev.manifold.daemon.source.ClusterSource;
import dev.manifold.daemon.source.PodRef;
import dev.manifold.delegates.config.RuntimeConfig;
import dev.manifold.delegates.spec.CniException;
import dev.manifold.delegates.spec.CniVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code manifold explain NS/POD}: what an ADD for the pod would attach, with the delegate configs
 * resolved as the daemon would run them (secrets masked), without running anything. Reads pods and
 * NADs where the daemon does (standalone store, or the Kubernetes API: a few GETs, no watch).
 * When the ADD would fail, prints the CNI error object it would get and exits 1.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Show what would be attached to a pod, and with which delegate configs, without running anything.")
final class ExplainCommand implements Callable<Integer> {
    @Option(names = "--config", description = "daemon config file (default: ${DEFAULT-VALUE})",
            defaultValue = "/etc/cni/net.d/multus.d/daemon-config.json")
    Path config;

    @Option(names = "--cni-config", paramLabel = "FILE",
            description = "the config the runtime passes (00-multus.conf): its keys fill in what the daemon config leaves out, as on ADD"
                    + " (default: the generated one in cniConfigDir when multusConfigFile is auto)")
    Path cniConfig;

    @Option(names = "--ifname", defaultValue = "eth0", description = "the cluster network's interface (default: ${DEFAULT-VALUE})")
    String ifName;

    @Parameters(paramLabel = "NS/POD", description = "the pod, as namespace/name")
    String pod;

    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() {
        int slash = pod.indexOf('/');
        if (slash <= 0 || slash == pod.length() - 1) {
            err.println("manifold explain: give the pod as namespace/name");
            return 2;
        }
        PodRef ref = new PodRef(pod.substring(0, slash), pod.substring(slash + 1));
        List<AutoCloseable> owned = new ArrayList<>();
        ClusterSource source = null;
        try {
            ObjectNode raw = ConfigParser.read(config);
            Optional<Path> runtimeConf = Optional.ofNullable(cniConfig).or(() -> generatedConf(raw));
            ObjectNode cniConf = runtimeConf.isEmpty() ? raw.objectNode() : ConfigParser.read(runtimeConf.get());
            DaemonConfig cfg = ConfigParser.parse(ConfigParser.merge(cniConf, raw), key -> { });
            source = ClusterSources.create(cfg, owned);
            out.print(new Explainer(source).explain(cfg, ref, ifName, runtimeConfigOf(cniConf)));
            return 0;
        } catch (CniException e) {
            out.println(e.toJson(CniVersion.LATEST));
            return 1;
        } finally {
            if (source != null) {
                source.close();
            }
            owned.forEach(ExplainCommand::closeQuietly);
        }
    }

    /**
     * The {@code 00-multus.conf} the daemon generated ({@code multusConfigFile: auto}), which names
     * the cluster network: without it a deployed daemon's config says nothing of that network.
     */
    private static Optional<Path> generatedConf(ObjectNode raw) {
        DaemonConfig own = ConfigParser.parse(raw, key -> { });
        if (!own.multusConfigFile().map("auto"::equals).orElse(false)) {
            return Optional.empty();
        }
        Path generated = own.cniConfigDir().resolve(own.multusConfigFileName());
        return Files.isRegularFile(generated) ? Optional.of(generated) : Optional.empty();
    }

    /** The {@code runtimeConfig} of the runtime's config, as the daemon passes it to the cluster network. */
    private static RuntimeConfig runtimeConfigOf(ObjectNode cniConf) {
        RuntimeConfig rc = RuntimeConfig.empty();
        if (cniConf.get("runtimeConfig") instanceof ObjectNode node) {
            for (var e : node.properties()) {
                rc = rc.with(e.getKey(), e.getValue());
            }
        }
        return rc;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // A one-shot command exiting anyway.
        }
    }
}

package dev.manifold.daemon.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.daemon.Daemon;
import dev.manifold.daemon.config.ConfigParser;
import dev.manifold.daemon.config.DaemonConfig;
import dev.manifold.daemon.logging.DaemonLogging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code manifold daemon}: run the per-node daemon until SIGTERM/SIGINT. */
@Command(name = "daemon", mixinStandardHelpOptions = true, description = "Run the thick daemon.")
final class DaemonCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonCommand.class);

    @Option(names = "--config", description = "daemon config file (default: ${DEFAULT-VALUE})",
            defaultValue = "/etc/cni/net.d/multus.d/daemon-config.json")
    Path config;

    @Override
    public Integer call() throws Exception {
        ObjectNode raw = ConfigParser.read(config);
        List<String> unused = new ArrayList<>();
        DaemonConfig cfg = ConfigParser.parse(raw, unused::add);
        DaemonLogging.configure(cfg);
        unused.forEach(key -> LOG.info("config key \"{}\" is not used by Manifold; ignored", key));
        List<AutoCloseable> owned = new ArrayList<>();
        Daemon daemon = new Daemon(cfg, raw, ClusterSources.create(cfg, owned));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            daemon.close();
            owned.forEach(DaemonCommand::closeQuietly);
        }, "manifold-shutdown"));
        daemon.start();
        daemon.awaitStop();
        return 0;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("closing {} at shutdown failed: {}", c, e.toString());
        }
    }
}

package dev.manifold.daemon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.daemon.attach.Attacher;
import dev.manifold.daemon.autoconf.MultusConfInstaller;
import dev.manifold.daemon.chroot.ChrootPluginExecutor;
import dev.manifold.daemon.config.DaemonConfig;
import dev.manifold.daemon.detach.Checker;
import dev.manifold.daemon.detach.Detacher;
import dev.manifold.daemon.detach.GarbageCollector;
import dev.manifold.daemon.dispatch.CniService;
import dev.manifold.daemon.dispatch.ReadinessGate;
import dev.manifold.daemon.journal.AttachmentJournal;
import dev.manifold.daemon.metrics.DaemonMetrics;
import dev.manifold.daemon.route.DefaultRoutes;
import dev.manifold.daemon.route.NetnsCommands;
import dev.manifold.daemon.server.SocketServer;
import dev.manifold.daemon.source.ClusterSource;
import dev.manifold.delegates.exec.PluginLocator;
import dev.manifold.delegates.exec.ProcessPluginExecutor;
import dev.manifold.delegates.invoke.DelegateInvoker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The thick daemon: one per node. Composes the pod/NAD source, the delegate invoker, the
 * attachment journal and the unix-socket server from a {@link DaemonConfig}.
 */
public final class Daemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    /** Requests worked on at once; more wait (bounded) for a place, then get code 11. */
    public static final int MAX_CONCURRENT_REQUESTS = 32;

    private final DaemonConfig config;
    private final ClusterSource source;
    private final SocketServer server;
    private final AttachmentJournal journal;
    private final ReadinessGate readiness = new ReadinessGate();
    private final MultusConfInstaller confInstaller;
    private final DaemonMetrics metrics;
    private final CountDownLatch stopped = new CountDownLatch(1);

    public Daemon(DaemonConfig config, ObjectNode rawConfig, ClusterSource source) {
        this.config = config;
        this.source = source;
        this.journal = new AttachmentJournal(config.cniDir());
        this.metrics = new DaemonMetrics(journal, source);
        DelegateInvoker invoker = delegateInvoker(config, metrics);
        DefaultRoutes routes = new DefaultRoutes(new NetnsCommands(Duration.ofSeconds(10)));
        CniService service = new CniService(rawConfig, source, invoker,
                new Attacher(invoker, journal, source, routes), new Detacher(invoker, journal, source),
                new Checker(invoker, journal), new GarbageCollector(invoker, journal),
                MAX_CONCURRENT_REQUESTS, Duration.ofSeconds(30), readiness, metrics);
        this.server = new SocketServer(config.socketDir(), service, this::ready, MAX_CONCURRENT_REQUESTS + 8);
        this.confInstaller = MultusConfInstaller.of(config);
    }

    /** Plugins run chrooted into {@code chrootDir} when it is set (bin dirs then searched inside it). */
    private static DelegateInvoker delegateInvoker(DaemonConfig config, DaemonMetrics metrics) {
        Duration timeout = Duration.ofSeconds(config.delegateTimeoutSeconds());
        if (config.chrootDir().isPresent()) {
            ChrootPluginExecutor chroot = new ChrootPluginExecutor(config.chrootDir().get());
            return new DelegateInvoker(chroot.locator(config.binDir()), metrics.timed(chroot), timeout);
        }
        return new DelegateInvoker(new PluginLocator(config.binDir()), metrics.timed(new ProcessPluginExecutor()), timeout);
    }

    /**
     * Makes the cache directory private (refusing a shared one), starts the source (bounded cache
     * sync), then serves, then puts {@code 00-multus.conf} in place: only a daemon that answers
     * may be named to the runtime.
     */
    public void start() {
        journal.prepare();
        source.start();
        metrics.serve(config.metricsBindAddress(), config.metricsPort());
        server.start();
        confInstaller.start();
        LOG.info("manifold daemon serving on {} ({} source)", server.socket(),
                config.standaloneDir().isPresent() ? "standalone " + config.standaloneDir().get() : "Kubernetes");
    }

    public boolean ready() {
        return source.ready();
    }

    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        try {
            // First: no new pod should be sent to a daemon that is going away.
            confInstaller.close();
        } finally {
            // ADDs waiting for the readiness indicator fail at once rather than hold up the server's stop.
            readiness.close();
            try {
                server.close();
            } finally {
                metrics.close();
                source.close();
                stopped.countDown();
            }
        }
    }
}

package dev.manifold.daemon.metrics;

import dev.manifold.daemon.dispatch.RequestListener;
import dev.manifold.daemon.dispatch.RequestSummary;
import dev.manifold.daemon.journal.AttachmentJournal;
import dev.manifold.daemon.journal.JournalRecord;
import dev.manifold.daemon.source.ClusterSource;
import dev.manifold.daemon.source.kubernetes.KubernetesSource;
import dev.manifold.delegates.exec.PluginExecutor;
import dev.manifold.delegates.spec.CniException;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The daemon's Prometheus metrics, kept in a registry of its own (never the library's static
 * default), and the HTTP endpoint serving them on {@code metricsPort}:
 *
 * <ul>
 *   <li>{@code manifold_cni_requests_total{command, outcome}}: outcome {@code ok} or the CNI code;</li>
 *   <li>{@code manifold_cni_request_duration_seconds{command}} and
 *       {@code manifold_requests_in_flight}: requests as the socket edge saw them;</li>
 *   <li>{@code manifold_delegate_exec_duration_seconds{plugin, command}} and
 *       {@code manifold_delegate_errors_total{plugin, code}}: every plugin run
 *       ({@link #timed(PluginExecutor)});</li>
 *   <li>{@code manifold_attachments{state}}: interfaces recorded in the journal, read at scrape;</li>
 *   <li>{@code manifold_kubernetes_api_requests_total{kind}}: request-path API reads and writes
 *       (Kubernetes source only);</li>
 *   <li>the JVM's: memory pools, GC, threads, buffer pools …</li>
 * </ul>
 * Counting costs nanoseconds and goes on with {@code metricsPort} 0; only the endpoint is off then.
 */
public final class DaemonMetrics implements RequestListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonMetrics.class);
    /** Seconds: from a VERSION probe (milliseconds) to a delegate near its default 120 s timeout. */
    static final double[] SECONDS_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Histogram requestDuration;
    private final Gauge inFlight;
    private final Histogram delegateDuration;
    private final Counter delegateErrors;
    private final AtomicReference<HTTPServer> endpoint = new AtomicReference<>();

    public DaemonMetrics(AttachmentJournal journal, ClusterSource source) {
        requests = Counter.builder().name("manifold_cni_requests_total")
                .help("CNI requests answered, by command and outcome (ok, or the CNI error code)")
                .labelNames("command", "outcome").register(registry);
        requestDuration = seconds("manifold_cni_request_duration_seconds",
                "Time from receiving a CNI request to answering it", "command");
        inFlight = Gauge.builder().name("manifold_requests_in_flight")
                .help("CNI requests being handled, including those waiting for admission").register(registry);
        delegateDuration = seconds("manifold_delegate_exec_duration_seconds",
                "Time one delegate plugin run took, by plugin binary and CNI_COMMAND", "plugin", "command");
        delegateErrors = Counter.builder().name("manifold_delegate_errors_total")
                .help("Delegate plugin runs that failed, by plugin binary and CNI error code (999: no error object)")
                .labelNames("plugin", "code").register(registry);
        GaugeWithCallback.builder().name("manifold_attachments")
                .help("Interfaces recorded in the attachment journal, by record state")
                .labelNames("state").callback(cb -> recorded(journal).forEach((state, n) -> cb.call(n, state.name())))
                .register(registry);
        if (source instanceof KubernetesSource kubernetes) {
            CounterWithCallback.builder().name("manifold_kubernetes_api_requests_total")
                    .help("Kubernetes API requests on the request path (reads: GETs after a cache miss; writes: "
                            + "status patches and events); informer list/watch traffic excluded")
                    .labelNames("kind").callback(cb -> {
                        KubernetesSource.ApiCounters c = kubernetes.apiCounters();
                        cb.call(c.reads(), "read");
                        cb.call(c.writes(), "write");
                    }).register(registry);
        }
        JvmMetrics.builder().register(registry);
    }

    private Histogram seconds(String name, String help, String... labels) {
        return Histogram.builder().name(name).help(help).labelNames(labels)
                .classicOnly().classicUpperBounds(SECONDS_BUCKETS).register(registry);
    }

    /** {@code executor}, timing every plugin run and counting its failures. */
    public PluginExecutor timed(PluginExecutor executor) {
        return new MeteredPluginExecutor(executor, delegateDuration, delegateErrors);
    }

    @Override
    public void started() {
        inFlight.inc();
    }

    @Override
    public void finished(RequestSummary summary) {
        inFlight.dec();
        String command = summary.command().map(Enum::name).orElse("unknown");
        requests.labelValues(command, summary.outcome()).inc();
        requestDuration.labelValues(command).observe(summary.duration().toNanos() / 1e9);
    }

    /**
     * Serves {@code /metrics} on {@code bindAddress:port} (Prometheus text format, or OpenMetrics
     * when asked); nothing when {@code port} is 0.
     *
     * <p>A port that cannot be bound (another agent on the host network has it) is logged as an
     * error and the daemon goes on without the endpoint: pods must still get their networks.
     *
     * @return whether the endpoint is up
     */
    public boolean serve(String bindAddress, int port) {
        if (port == 0) {
            return false;
        }
        try {
            HTTPServer server = HTTPServer.builder().inetAddress(InetAddress.getByName(bindAddress)).port(port)
                    .registry(registry).buildAndStart();
            endpoint.set(server);
            LOG.info("metrics on http://{}:{}/metrics", bindAddress, server.getPort());
            return true;
        } catch (IOException e) {
            LOG.error("cannot serve metrics on {}:{} (metricsPort): {}; serving CNI requests without the metrics endpoint",
                    bindAddress, port, e.toString());
            return false;
        }
    }

    @Override
    public void close() {
        HTTPServer server = endpoint.getAndSet(null);
        if (server != null) {
            server.close();
        }
    }

    /**
     * Interfaces per record state, every state present (0 included) so that an alert on
     * {@code ROLLBACK_FAILED} has a series. Reads the journal: a few hundred small files per
     * scrape. An unreadable journal directory gives no samples rather than a failed scrape.
     */
    private static Map<JournalRecord.State, Integer> recorded(AttachmentJournal journal) {
        Map<JournalRecord.State, Integer> counts = new EnumMap<>(JournalRecord.State.class);
        for (JournalRecord.State state : JournalRecord.State.values()) {
            counts.put(state, 0);
        }
        try {
            journal.list(corrupt -> { }).forEach(r -> counts.merge(r.state(), r.entries().size(), Integer::sum));
        } catch (CniException e) {
            LOG.debug("journal not readable for manifold_attachments: {}", e.getMessage());
            return Map.of();
        }
        return counts;
    }
}

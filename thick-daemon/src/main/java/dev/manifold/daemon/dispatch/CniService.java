package dev.manifold.daemon.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.daemon.attach.Attacher;
import dev.manifold.daemon.attach.SecondaryOrder;
import dev.manifold.daemon.config.DaemonConfig;
import dev.manifold.daemon.config.RequestConfigs;
import dev.manifold.daemon.detach.Checker;
import dev.manifold.daemon.detach.Detacher;
import dev.manifold.daemon.detach.GarbageCollector;
import dev.manifold.daemon.journal.JournalEntry;
import dev.manifold.daemon.request.CniRequest;
import dev.manifold.daemon.request.RequestParser;
import dev.manifold.daemon.resolve.NetworkPlanner;
import dev.manifold.daemon.resolve.PlannedAttachment;
import dev.manifold.daemon.server.CniEndpoint;
import dev.manifold.daemon.server.Reply;
import dev.manifold.daemon.source.ClusterSource;
import dev.manifold.daemon.source.PodInfo;
import dev.manifold.daemon.source.PodLookup;
import dev.manifold.daemon.source.PodRef;
import dev.manifold.delegates.cache.CacheKey;
import dev.manifold.delegates.cache.CachedAttachment;
import dev.manifold.delegates.config.RuntimeConfig;
import dev.manifold.delegates.invoke.DelegateInvoker;
import dev.manifold.delegates.result.Result1x;
import dev.manifold.delegates.result.ResultConverter;
import dev.manifold.delegates.spec.CniCommand;
import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;
import dev.manifold.delegates.spec.CniVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The daemon's answer to {@code POST /cni}: validates the request, serializes it per container,
 * bounds how many run at once, dispatches by command, and turns every failure into a CNI error
 * object. This is the edge: it logs one line per request; lower layers only throw.
 */
public final class CniService implements CniEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger("manifold.cni");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RequestConfigs requestConfigs;
    private final ClusterSource source;
    private final NetworkPlanner planner;
    private final Attacher attacher;
    private final Detacher detacher;
    private final Checker checker;
    private final GarbageCollector gc;
    private final DelegateInvoker invoker;
    private final ContainerLocks locks = new ContainerLocks();
    private final Semaphore admission;
    private final Duration admissionWait;
    private final ReadinessGate readiness;
    private final RequestListener listener;

    public CniService(ObjectNode daemonConfig, ClusterSource source, DelegateInvoker invoker, Attacher attacher,
                      Detacher detacher, Checker checker, GarbageCollector gc, int maxConcurrent, Duration admissionWait,
                      ReadinessGate readiness, RequestListener listener) {
        this.requestConfigs = new RequestConfigs(daemonConfig);
        this.source = source;
        this.planner = new NetworkPlanner(source);
        this.invoker = invoker;
        this.attacher = attacher;
        this.detacher = detacher;
        this.checker = checker;
        this.gc = gc;
        this.admission = new Semaphore(maxConcurrent, true);
        this.admissionWait = admissionWait;
        this.readiness = readiness;
        this.listener = listener;
    }

    @Override
    public Reply handle(byte[] body) {
        listener.started();
        RequestSummary.Builder summary = new RequestSummary.Builder();
        CniVersion replyVersion = CniVersion.LATEST;
        try {
            CniRequest req = RequestParser.parse(body);
            summary.request(req);
            replyVersion = req.cniVersion();
            req.containerId().ifPresent(id -> MDC.put("container", RequestSummary.shortId(id)));
            req.pod().ifPresent(p -> MDC.put("pod", p.toString()));
            Reply reply = admitted(req, summary);
            finished(summary.succeeded());
            return reply;
        } catch (CniException e) {
            finished(summary.failed(e));
            return error(e, replyVersion);
        } catch (RuntimeException e) {
            CniException internal = new CniException(CniErrorCode.INTERNAL, "internal error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            RequestSummary failed = summary.failed(internal);
            LOG.error("{}", failed.line(), e); // a bug: the stack trace goes with the line
            listener.finished(failed);
            return error(internal, replyVersion);
        } finally {
            MDC.clear();
        }
    }

    /** The one line per request ({@link RequestSummary#line()}): INFO, or WARN for a failure; then the listener. */
    private void finished(RequestSummary summary) {
        if (summary.failure().isPresent()) {
            LOG.warn("{}", summary.line());
        } else {
            LOG.info("{}", summary.line());
        }
        listener.finished(summary);
    }

    /**
     * An ADD first waits for the readiness indicator, outside the admission bound and the
     * container lock: ADDs waiting for the cluster network must not take the slots that DEL,
     * CHECK and STATUS need meanwhile.
     */
    private Reply admitted(CniRequest req, RequestSummary.Builder summary) {
        // Worked out once for an ADD, which needs it before admission; other commands work it out
        // after admission, as before.
        Optional<DaemonConfig> known = req.command() == CniCommand.ADD
                ? Optional.of(requestConfigs.of(req.config())) : Optional.empty();
        known.ifPresent(cfg -> readiness.await(cfg.readinessIndicatorFile(), Duration.ofSeconds(cfg.readinessTimeoutSeconds())));
        try {
            if (!admission.tryAcquire(admissionWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new CniException(CniErrorCode.TRY_AGAIN_LATER, "daemon busy: too many requests in flight");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CniException(CniErrorCode.TRY_AGAIN_LATER, "interrupted while waiting to be served");
        }
        try {
            return req.containerId().isPresent()
                    ? locks.withLock(req.requireContainerId(), () -> dispatch(req, known, summary)) : dispatch(req, known, summary);
        } finally {
            admission.release();
        }
    }

    private Reply dispatch(CniRequest req, Optional<DaemonConfig> known, RequestSummary.Builder summary) {
        DaemonConfig cfg = known.orElseGet(() -> requestConfigs.of(req.config()));
        return switch (req.command()) {
            case ADD -> add(req, cfg, summary);
            case DEL -> {
                summary.networks(detacher.detach(req, () -> fallbackPlan(req, cfg)));
                yield Reply.ok("{}");
            }
            case CHECK -> {
                if (!req.cniVersion().supportsCheck()) {
                    throw new CniException(CniErrorCode.INCOMPATIBLE_CNI_VERSION, "CHECK needs cniVersion 0.4.0 or later, config has " + req.cniVersion());
                }
                checker.check(req);
                yield Reply.ok("{}");
            }
            case GC -> {
                gc.collect(req.config().get("cni.dev/valid-attachments"), clusterNetworkConfig(req, cfg));
                yield Reply.ok("{}");
            }
            case STATUS -> status(req, cfg);
            case VERSION -> Reply.ok(versions(req.cniVersion()));
        };
    }

    private Reply add(CniRequest req, DaemonConfig cfg, RequestSummary.Builder summary) {
        Optional<PodInfo> pod = lookupPod(req);
        List<PlannedAttachment> plan = planner.plan(cfg, pod, req.ifName().orElseThrow(), runtimeConfigOf(req));
        summary.networks(plan.stream().map(PlannedAttachment::statusName).toList());
        Result1x result = attacher.attach(req, pod.map(PodInfo::ref), plan, SecondaryOrder.of(cfg.parallelSecondaries()));
        ObjectNode body = JSON.createObjectNode();
        body.set("Result", ResultConverter.convert(result, req.cniVersion()).toJson());
        return Reply.ok(body.toString());
    }

    /** The pod named by CNI_ARGS; refuses a stale request for a recreated pod (UID mismatch). */
    private Optional<PodInfo> lookupPod(CniRequest req) {
        Optional<PodRef> ref = req.pod();
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> want = req.podUid();
        PodLookup lookup = source.pod(ref.get());
        if (lookup instanceof PodLookup.Found cached && uidDiffers(want, cached.pod())) {
            lookup = source.podUncached(ref.get());
        }
        if (lookup instanceof PodLookup.Found found) {
            if (uidDiffers(want, found.pod())) {
                throw new CniException(CniErrorCode.UNKNOWN_CONTAINER, "pod " + ref.get() + " has UID " + found.pod().uid().get()
                        + ", not " + want.get() + " as the request says: the request is for a deleted pod");
            }
            return Optional.of(found.pod());
        }
        throw new CniException(CniErrorCode.UNKNOWN_CONTAINER, "pod " + ref.get() + " not found");
    }

    private static boolean uidDiffers(Optional<String> want, PodInfo pod) {
        return want.isPresent() && pod.uid().isPresent() && !want.equals(pod.uid());
    }

    /** DEL without a record: what the pod and NADs say now, or the cluster network alone. */
    private List<JournalEntry> fallbackPlan(CniRequest req, DaemonConfig cfg) {
        List<PlannedAttachment> plan;
        try {
            Optional<PodInfo> pod = req.pod().map(source::pod)
                    .filter(PodLookup.Found.class::isInstance).map(l -> ((PodLookup.Found) l).pod());
            plan = pod.isPresent()
                    ? planner.plan(cfg, pod, req.ifName().orElseThrow(), runtimeConfigOf(req))
                    : List.of(planner.clusterNetworkOnly(cfg, req.ifName().orElseThrow(), runtimeConfigOf(req)));
        } catch (CniException e) {
            // Nothing recorded and nothing resolvable: nothing Manifold attached can be found, and
            // a DEL that fails forever would wedge the pod's deletion (CNI-NOTES pitfall 6).
            LOG.warn("DEL without a record: nothing resolvable ({}); treating as already deleted", e.getMessage());
            return List.of();
        }
        return plan.stream().map(p -> new JournalEntry(p.statusName(), p.clusterNetwork(), false,
                new CachedAttachment(new CacheKey(p.config().name(), req.requireContainerId(), p.ifName()),
                        p.config(), p.runtime(), req.args(), Optional.empty()))).toList();
    }

    private Optional<dev.manifold.delegates.config.NetConfList> clusterNetworkConfig(CniRequest req, DaemonConfig cfg) {
        try {
            return Optional.of(planner.clusterNetworkOnly(cfg, req.ifName().orElse("eth0"), RuntimeConfig.empty()).config());
        } catch (CniException e) {
            return Optional.empty();
        }
    }

    private Reply status(CniRequest req, DaemonConfig cfg) {
        if (!source.ready()) {
            throw new CniException(CniErrorCode.PLUGIN_NOT_AVAILABLE, "pod and NAD caches are not synced yet");
        }
        readiness.requirePresent(cfg.readinessIndicatorFile());
        invoker.status(planner.clusterNetworkOnly(cfg, req.ifName().orElse("eth0"), RuntimeConfig.empty()).config());
        return Reply.ok("{}");
    }

    private static RuntimeConfig runtimeConfigOf(CniRequest req) {
        RuntimeConfig rc = RuntimeConfig.empty();
        var node = req.config().get("runtimeConfig");
        if (node != null && node.isObject()) {
            for (var e : node.properties()) {
                rc = rc.with(e.getKey(), e.getValue());
            }
        }
        return rc;
    }

    private static String versions(CniVersion configVersion) {
        ObjectNode v = JSON.createObjectNode();
        v.put("cniVersion", configVersion.wire());
        var arr = v.putArray("supportedVersions");
        for (CniVersion x : CniVersion.values()) {
            if (x.atLeast(CniVersion.V0_3_0)) {
                arr.add(x.wire());
            }
        }
        return v.toString();
    }

    private static Reply error(CniException e, CniVersion version) {
        int status = e.code() == CniErrorCode.TRY_AGAIN_LATER.code() ? 503
                : e.code() == CniErrorCode.INTERNAL.code() ? 500 : 400;
        String msg = e.getMessage() == null ? "" : e.getMessage();
        CniException bounded = msg.length() <= 900 ? e : new CniException(e.code(), msg.substring(0, 897) + "...", e.details(), e);
        return Reply.of(status, bounded.toJson(version).toString());
    }
}

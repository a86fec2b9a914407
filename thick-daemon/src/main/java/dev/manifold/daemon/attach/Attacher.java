package dev.manifold.daemon.attach;

import dev.manifold.daemon.journal.AttachmentJournal;
import dev.manifold.daemon.journal.JournalEntry;
import dev.manifold.daemon.journal.JournalRecord;
import dev.manifold.daemon.request.CniRequest;
import dev.manifold.daemon.resolve.PlannedAttachment;
import dev.manifold.daemon.route.DefaultRoutes;
import dev.manifold.daemon.source.ClusterSource;
import dev.manifold.daemon.source.PodRef;
import dev.manifold.daemon.status.StatusBuilder;
import dev.manifold.delegates.cache.CacheKey;
import dev.manifold.delegates.cache.CachedAttachment;
import dev.manifold.delegates.invoke.DelegateInvoker;
import dev.manifold.delegates.result.CniResult;
import dev.manifold.delegates.result.Result1x;
import dev.manifold.delegates.result.ResultConverter;
import dev.manifold.delegates.spec.CniException;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ADD, all or nothing (DESIGN "ADD" steps 6–12): journal the plan, run the cluster network and
 * then the secondaries (with {@link SecondaryOrder#INDEPENDENT_AT_ONCE}, those that share nothing
 * on the node at the same time; results and network-status keep plan order either way), give
 * the default route to its owner, record the results, publish network-status. If anything
 * fails, every delegate already tried is DELeted in reverse order and the original error is
 * rethrown, prefixed with the network that failed; rollback failures are attached as suppressed
 * and leave the record for the runtime's DEL to finish.
 */
public final class Attacher {
    static final int SECONDARY_THREADS = 8;

    private final DelegateInvoker invoker;
    private final AttachmentJournal journal;
    private final ClusterSource source;
    private final DefaultRoutes routes;
    /** Secondaries running at once on behalf of all requests, beyond each request's own thread. */
    private final RoundRunner rounds = new RoundRunner(SECONDARY_THREADS);

    public Attacher(DelegateInvoker invoker, AttachmentJournal journal, ClusterSource source, DefaultRoutes routes) {
        this.invoker = invoker;
        this.journal = journal;
        this.source = source;
        this.routes = routes;
    }

    /**
     * @param order whether independent secondaries run at the same time ({@code parallelSecondaries})
     * @return the cluster network's result (the reply), in the current shape
     */
    public Result1x attach(CniRequest req, Optional<PodRef> pod, List<PlannedAttachment> plan, SecondaryOrder order) {
        String containerId = req.requireContainerId();
        boolean someoneOwnsDefault = plan.stream().anyMatch(p -> !p.defaultRouteGateways().isEmpty());
        List<JournalEntry> entries = new ArrayList<>();
        for (PlannedAttachment p : plan) {
            boolean isDefault = PlannedAttachment.ownsDefaultRoute(plan, p);
            CachedAttachment cached = new CachedAttachment(new CacheKey(p.config().name(), containerId, p.ifName()),
                    p.config(), p.runtime(), req.args(), Optional.empty());
            entries.add(new JournalEntry(p.statusName(), p.clusterNetwork(), isDefault, cached));
        }
        JournalRecord record = new JournalRecord(containerId, pod, req.podUid(), req.netns(), JournalRecord.State.PLANNED, entries);
        journal.write(record); // before anything runs: a crash from here on is undone by DEL

        Attempts attempts = new Attempts(plan.size());
        try {
            for (List<Integer> round : AddRounds.of(plan, order)) {
                rounds.run(round, attempts, i -> ResultConverter.toCurrent(runAdd(req, plan.get(i))));
            }
            List<Result1x> results = attempts.all();
            List<Result1x> finalResults = someoneOwnsDefault ? applyDefaultRoute(req, plan, results) : results;
            List<JournalEntry> done = new ArrayList<>();
            List<NetworkStatus> status = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                JournalEntry e = entries.get(i);
                done.add(new JournalEntry(e.statusName(), e.clusterNetwork(), e.isDefault(), e.attachment().withResult(finalResults.get(i))));
                status.add(StatusBuilder.of(e.statusName(), e.ifName(), e.isDefault(), finalResults.get(i)));
            }
            journal.update(record.with(JournalRecord.State.ATTACHED, done)); // the PLANNED record was synced
            pod.ifPresent(ref -> source.publishStatus(ref, status));
            pod.ifPresent(ref -> announce(ref, plan, finalResults));
            return finalResults.get(0);
        } catch (CniException failure) {
            throw rollback(record, attempts, failure);
        } catch (RuntimeException failure) {
            throw rollback(record, attempts,
                    new CniException(dev.manifold.delegates.spec.CniErrorCode.INTERNAL, "internal error: " + failure, failure));
        }
    }

    private CniResult runAdd(CniRequest req, PlannedAttachment p) {
        try {
            return invoker.add(p.config(), req.pluginCall(p.ifName()), p.runtime());
        } catch (CniException e) {
            throw e.prefixed("network " + p.statusName() + " (" + p.ifName() + "): ");
        }
    }

    private List<Result1x> applyDefaultRoute(CniRequest req, List<PlannedAttachment> plan, List<Result1x> results) {
        List<DefaultRoutes.Attached> attached = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            attached.add(new DefaultRoutes.Attached(plan.get(i).ifName(), results.get(i), plan.get(i).defaultRouteGateways()));
        }
        try {
            return routes.apply(req.netns().orElseThrow(), attached);
        } catch (CniException e) {
            throw e.prefixed("setting the default route: ");
        }
    }

    private void announce(PodRef pod, List<PlannedAttachment> plan, List<Result1x> results) {
        for (int i = 0; i < plan.size(); i++) {
            List<String> ips = results.get(i).ips().stream().map(ip -> ip.address()).toList();
            source.event(pod, "AddedInterface", "Add " + plan.get(i).ifName() + " " + ips + " from " + plan.get(i).statusName());
        }
    }

    /**
     * DELs every tried delegate in reverse plan order, with its result when its ADD succeeded;
     * returns the exception to throw. A DEL failure of a delegate whose ADD succeeded keeps it in
     * the record (its resources are real: the runtime's DEL must finish the job). A delegate whose
     * ADD failed also gets a DEL, but its failure is only attached: the reference plugins release
     * what they took when their ADD fails, and their DEL often fails for the same reason the ADD
     * did (macvlan: master link missing), which would otherwise make every later DEL fail and
     * wedge the pod's deletion.
     */
    private CniException rollback(JournalRecord record, Attempts attempts, CniException failure) {
        List<JournalEntry> tried = new ArrayList<>();
        for (int i = 0; i < attempts.size(); i++) {
            if (attempts.wasTried(i)) {
                JournalEntry e = record.entries().get(i);
                tried.add(attempts.result(i).map(r -> new JournalEntry(e.statusName(), e.clusterNetwork(), e.isDefault(),
                        e.attachment().withResult(r))).orElse(e));
            }
        }
        DelegateTeardown.Outcome outcome = DelegateTeardown.tearDown(invoker, record.netns(), tried);
        outcome.errors().forEach(failure::addSuppressed);
        List<JournalEntry> stillAttached = outcome.failed().stream().filter(e -> e.attachment().result().isPresent()).toList();
        if (stillAttached.isEmpty()) {
            journal.remove(record.containerId());
        } else {
            journal.write(record.with(JournalRecord.State.ROLLBACK_FAILED, stillAttached));
        }
        return failure;
    }
}

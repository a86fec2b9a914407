package dev.manifold.daemon.detach;

import dev.manifold.daemon.attach.DelegateTeardown;
import dev.manifold.daemon.journal.AttachmentJournal;
import dev.manifold.daemon.journal.JournalEntry;
import dev.manifold.daemon.journal.JournalRecord;
import dev.manifold.daemon.request.CniRequest;
import dev.manifold.daemon.source.ClusterSource;
import dev.manifold.daemon.source.PodLookup;
import dev.manifold.daemon.source.PodRef;
import dev.manifold.delegates.invoke.DelegateInvoker;
import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * DEL (DESIGN "DEL"): from the container's record, every delegate in reverse order with its
 * cached config and result, continuing past failures; the record is deleted only when every DEL
 * succeeded, otherwise the first failure is reported (the runtime retries). Without a record the
 * caller's {@code fallback} plan is DELeted best effort (re-resolved from the pod and NADs when
 * they still exist); so is it when the record is unreadable (torn by a crash of the machine),
 * which is then removed.
 * Works when the pod or a NAD is gone, when the API is down, and after a daemon restart.
 */
public final class Detacher {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Detacher.class);

    private final DelegateInvoker invoker;
    private final AttachmentJournal journal;
    private final ClusterSource source;

    public Detacher(DelegateInvoker invoker, AttachmentJournal journal, ClusterSource source) {
        this.invoker = invoker;
        this.journal = journal;
        this.source = source;
    }

    /**
     * @param fallback the entries to DEL when there is no record (may be empty)
     * @return the network-status names of what was DELeted (the record's, else the fallback's), in
     *         attach order: for the request's log line
     */
    public List<String> detach(CniRequest req, Supplier<List<JournalEntry>> fallback) {
        String containerId = req.requireContainerId();
        Optional<JournalRecord> record;
        try {
            record = journal.read(containerId);
        } catch (CniException e) {
            if (e.code() != CniErrorCode.DECODING_FAILURE.code()) {
                throw e; // cannot read it now (I/O): the runtime's retry may
            }
            // Torn by a crash of the machine (the ATTACHED record is written without fsync): it
            // will never read, and failing on it would fail every DEL of the container forever.
            LOG.warn("DEL: {}; deleting what the pod and its NADs name instead, and the record", e.getMessage());
            List<String> names = detachFallback(req, fallback);
            journal.remove(containerId);
            return names;
        }
        if (record.isEmpty()) {
            return detachFallback(req, fallback);
        }
        DelegateTeardown.Outcome outcome = DelegateTeardown.tearDown(invoker, req.netns(), record.get().entries());
        if (!outcome.complete()) {
            // Keep only what is still attached, so the runtime's retry does not DEL the rest again.
            journal.write(record.get().with(record.get().state(), outcome.failed()));
            List<CniException> failures = outcome.errors();
            CniException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
        journal.forget(containerId); // unsynced: a record back after a machine crash is only DELeted again
        record.get().pod().ifPresent(pod -> clearStatus(pod, record.get().podUid()));
        return record.get().entries().stream().map(JournalEntry::statusName).toList();
    }

    /**
     * No record: the journal is written before any delegate runs, so nothing this daemon attached
     * is known. The fallback DELs are a courtesy (a lost cache dir); their failures are logged,
     * not reported, since a DEL that can never succeed would wedge the pod's deletion.
     */
    private void detachUnrecorded(CniRequest req, List<JournalEntry> fallback) {
        for (CniException e : DelegateTeardown.delAll(invoker, req.netns(), fallback)) {
            LOG.warn("DEL without a record: {} (ignored)", e.getMessage());
        }
    }

    /**
     * Removes the network-status of the pod the record belongs to — not of a newer pod that reuses
     * its name (a StatefulSet's), hence the UID check. Best effort by design: DEL must succeed
     * when the API is down (the runtime would otherwise retry forever).
     */
    private void clearStatus(PodRef pod, Optional<String> recordedUid) {
        try {
            if (source.pod(pod) instanceof PodLookup.Found found
                    && (recordedUid.isEmpty() || found.pod().uid().isEmpty() || recordedUid.equals(found.pod().uid()))) {
                source.publishStatus(pod, List.of());
            }
        } catch (CniException e) {
            LOG.warn("network-status of {} not cleared: {}", pod, e.getMessage());
        }
    }

    /** DEL of what {@code fallback} names (no usable record); returns their status names. */
    private List<String> detachFallback(CniRequest req, Supplier<List<JournalEntry>> fallback) {
        List<JournalEntry> entries = fallback.get();
        detachUnrecorded(req, entries);
        return entries.stream().map(JournalEntry::statusName).toList();
    }
}

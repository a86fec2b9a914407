package dev.manifold.daemon.detach;

import dev.manifold.daemon.journal.AttachmentJournal;
import dev.manifold.daemon.journal.JournalEntry;
import dev.manifold.daemon.journal.JournalRecord;
import dev.manifold.daemon.request.CniRequest;
import dev.manifold.delegates.cache.CachedAttachment;
import dev.manifold.delegates.invoke.DelegateInvoker;
import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;

/** CHECK: every recorded delegate, in order, with its cached result as {@code prevResult}. */
public final class Checker {
    private final DelegateInvoker invoker;
    private final AttachmentJournal journal;

    public Checker(DelegateInvoker invoker, AttachmentJournal journal) {
        this.invoker = invoker;
        this.journal = journal;
    }

    /** @throws CniException code 3 when nothing is recorded for the container, else the delegate's error */
    public void check(CniRequest req) {
        String containerId = req.requireContainerId();
        JournalRecord record = journal.read(containerId)
                .filter(r -> r.state() == JournalRecord.State.ATTACHED)
                .orElseThrow(() -> new CniException(CniErrorCode.UNKNOWN_CONTAINER,
                        "container " + containerId + " has no completed attachment to check"));
        for (JournalEntry e : record.entries()) {
            CachedAttachment a = e.attachment();
            try {
                invoker.check(a.config(), req.pluginCall(a.key().ifName()).withIfName(a.key().ifName()), a.runtime(),
                        a.result().orElseThrow());
            } catch (CniException ex) {
                throw ex.prefixed("network " + e.statusName() + " (" + e.ifName() + "): ");
            }
        }
    }
}

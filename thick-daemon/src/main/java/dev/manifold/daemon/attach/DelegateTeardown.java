package dev.manifold.daemon.attach;

import dev.manifold.daemon.journal.JournalEntry;
import dev.manifold.delegates.cache.CachedAttachment;
import dev.manifold.delegates.exec.PluginCall;
import dev.manifold.delegates.invoke.DelegateInvoker;
import dev.manifold.delegates.spec.CniException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * DEL of recorded attachments in reverse order, continuing past failures: the one way both a
 * rolled-back ADD and a runtime DEL undo what was attached.
 */
public final class DelegateTeardown {
    private DelegateTeardown() {
    }

    /** @return the failures, each prefixed with its network; empty when every DEL succeeded */
    public static List<CniException> delAll(DelegateInvoker invoker, Optional<String> netns, List<JournalEntry> entries) {
        List<CniException> failures = new ArrayList<>();
        for (int i = entries.size() - 1; i >= 0; i--) {
            JournalEntry e = entries.get(i);
            CachedAttachment a = e.attachment();
            PluginCall call = new PluginCall(a.key().containerId(), netns, a.key().ifName(), a.args());
            try {
                invoker.del(a.config(), call, a.runtime(), a.result());
            } catch (CniException ex) {
                failures.add(ex.prefixed("network " + e.statusName() + " (" + e.ifName() + "): "));
            }
        }
        return failures;
    }
}

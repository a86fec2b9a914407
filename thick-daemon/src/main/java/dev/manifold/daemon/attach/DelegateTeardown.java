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

    /**
     * What a teardown left: the entries whose DEL failed (in attach order) and their errors, each
     * prefixed with its network. Entries whose DEL succeeded are gone for good and must not be
     * DELeted again: some plugins fail a repeated DEL (Debian's sbr 1.1.1 once its link is gone).
     */
    public record Outcome(List<JournalEntry> failed, List<CniException> errors) {
        public Outcome {
            failed = List.copyOf(failed);
            errors = List.copyOf(errors);
        }

        public boolean complete() {
            return errors.isEmpty();
        }
    }

    /** DELs {@code entries} in reverse order, continuing past failures. */
    public static Outcome tearDown(DelegateInvoker invoker, Optional<String> netns, List<JournalEntry> entries) {
        List<JournalEntry> failed = new ArrayList<>();
        List<CniException> errors = new ArrayList<>();
        for (int i = entries.size() - 1; i >= 0; i--) {
            JournalEntry e = entries.get(i);
            CachedAttachment a = e.attachment();
            PluginCall call = new PluginCall(a.key().containerId(), netns, a.key().ifName(), a.args());
            try {
                invoker.del(a.config(), call, a.runtime(), a.result());
            } catch (CniException ex) {
                failed.add(0, e);
                errors.add(ex.prefixed("network " + e.statusName() + " (" + e.ifName() + "): "));
            }
        }
        return new Outcome(failed, errors);
    }

    /** As {@link #tearDown}, when only the errors matter. */
    public static List<CniException> delAll(DelegateInvoker invoker, Optional<String> netns, List<JournalEntry> entries) {
        return tearDown(invoker, netns, entries).errors();
    }
}

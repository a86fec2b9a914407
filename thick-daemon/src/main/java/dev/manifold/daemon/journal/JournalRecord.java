package dev.manifold.daemon.journal;

import dev.manifold.daemon.source.PodRef;

import java.util.List;
import java.util.Optional;

/**
 * Everything Manifold attached (or is about to attach) to one container, in attach order.
 *
 * @param state {@link State#PLANNED} is written before any delegate runs, so that a crash at any
 *              later point can be undone by DEL; {@link State#ATTACHED} once every delegate
 *              succeeded; {@link State#ROLLBACK_FAILED} when a failed ADD could not undo itself
 */
public record JournalRecord(String containerId, Optional<PodRef> pod, Optional<String> podUid,
                            Optional<String> netns, State state, List<JournalEntry> entries) {
    public enum State { PLANNED, ATTACHED, ROLLBACK_FAILED }

    public JournalRecord {
        entries = List.copyOf(entries);
    }

    public JournalRecord with(State newState, List<JournalEntry> newEntries) {
        return new JournalRecord(containerId, pod, podUid, netns, newState, newEntries);
    }
}

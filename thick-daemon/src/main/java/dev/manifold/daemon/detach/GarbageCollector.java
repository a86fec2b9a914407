package dev.manifold.daemon.detach;

import com.fasterxml.jackson.databind.JsonNode;
import dev.manifold.daemon.attach.DelegateTeardown;
import dev.manifold.daemon.journal.AttachmentJournal;
import dev.manifold.daemon.journal.JournalEntry;
import dev.manifold.daemon.journal.JournalRecord;
import dev.manifold.delegates.config.NetConfList;
import dev.manifold.delegates.invoke.DelegateInvoker;
import dev.manifold.delegates.invoke.DelegateInvoker.ValidAttachment;
import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * GC (CNI 1.1): DELs every recorded container whose cluster attachment is not in the runtime's
 * {@code cni.dev/valid-attachments}, then forwards GC to each delegate config still in use (and
 * the cluster network's) with the attachments that remain valid. Continues past errors and
 * reports the first with the others suppressed.
 */
public final class GarbageCollector {
    private final DelegateInvoker invoker;
    private final AttachmentJournal journal;

    public GarbageCollector(DelegateInvoker invoker, AttachmentJournal journal) {
        this.invoker = invoker;
        this.journal = journal;
    }

    public void collect(JsonNode validAttachments, Optional<NetConfList> clusterNetwork) {
        Set<String> valid = new HashSet<>();
        if (validAttachments != null && validAttachments.isArray()) {
            for (JsonNode a : validAttachments) {
                valid.add(a.path("containerID").asText() + "\n" + a.path("ifname").asText());
            }
        }
        List<CniException> failures = new ArrayList<>();
        Map<String, NetConfList> configs = new LinkedHashMap<>();
        Map<String, List<ValidAttachment>> keep = new LinkedHashMap<>();
        clusterNetwork.ifPresent(c -> configs.put(c.name(), c));
        for (JournalRecord r : journal.list(file -> failures.add(new CniException(CniErrorCode.DECODING_FAILURE,
                "unreadable attachment record " + file)))) {
            String clusterIf = r.entries().stream().filter(JournalEntry::clusterNetwork).map(JournalEntry::ifName).findFirst().orElse("");
            if (!valid.contains(r.containerId() + "\n" + clusterIf)) {
                DelegateTeardown.Outcome outcome = DelegateTeardown.tearDown(invoker, Optional.empty(), r.entries());
                if (outcome.complete()) {
                    journal.remove(r.containerId());
                } else {
                    journal.write(r.with(r.state(), outcome.failed()));
                }
                failures.addAll(outcome.errors());
                continue;
            }
            for (JournalEntry e : r.entries()) {
                NetConfList c = e.attachment().config();
                configs.putIfAbsent(c.name(), c);
                keep.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(new ValidAttachment(r.containerId(), e.ifName()));
            }
        }
        for (NetConfList c : configs.values()) {
            try {
                invoker.gc(c, keep.getOrDefault(c.name(), List.of()));
            } catch (CniException e) {
                failures.add(e.prefixed("network " + c.name() + ": "));
            }
        }
        if (!failures.isEmpty()) {
            CniException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }
}

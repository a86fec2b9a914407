package dev.manifold.daemon.source.standalone;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.manifold.crds.npwg.NpwgJson;
import dev.manifold.daemon.selection.NadRef;
import dev.manifold.daemon.source.ClusterSource;
import dev.manifold.daemon.source.PodInfo;
import dev.manifold.daemon.source.PodLookup;
import dev.manifold.daemon.source.PodRef;
import dev.manifold.delegates.cache.AtomicFiles;
import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkAttachmentDefinition;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkStatus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Pods and NADs from a folder of ordinary Kubernetes manifests — the files a user would
 * {@code kubectl apply} — for demos, tests and runtimes without Kubernetes. The folder is re-read
 * when a file in it changes. Network status is written to
 * {@code <dir>/status/<namespace>/<pod>.json} (the annotation's value) and events are appended to
 * {@code <dir>/status/events.log}.
 */
public final class StandaloneSource implements ClusterSource {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final ManifestFolder folder;

    public StandaloneSource(Path dir) {
        this.dir = dir;
        this.folder = new ManifestFolder(dir);
    }

    @Override
    public void start() {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("standaloneDir " + dir + " is not a directory");
        }
        folder.snapshot();
    }

    @Override
    public boolean ready() {
        return Files.isDirectory(dir);
    }

    @Override
    public PodLookup pod(PodRef ref) {
        return folder.snapshot().pod(ref)
                .map(p -> PodLookup.found(new PodInfo(ref, Optional.ofNullable(p.getMetadata().getUid()).filter(u -> !u.isBlank()),
                        Optional.ofNullable(p.getMetadata().getAnnotations()).orElse(java.util.Map.of()))))
                .orElseGet(() -> PodLookup.gone(ref));
    }

    @Override
    public Optional<NetworkAttachmentDefinition> nad(NadRef ref) {
        return folder.snapshot().nad(ref);
    }

    @Override
    public void publishStatus(PodRef pod, List<NetworkStatus> status) {
        Path file = statusFile(pod);
        // Unsynced: like the annotation it stands for, the status is a report, and the journal,
        // not this file, is what DEL works from; a machine crash that loses it loses nothing.
        if (status.isEmpty()) {
            AtomicFiles.deleteUnsynced(file);
            return;
        }
        try {
            // The annotation's value, indented for the people who read these files.
            AtomicFiles.writeUnsynced(file, JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(JSON.readTree(NpwgJson.writeStatus(status))));
        } catch (IOException e) {
            throw new CniException(CniErrorCode.IO_FAILURE, "cannot write network status of " + pod + ": " + e.getMessage(), e);
        }
    }

    /** The recorded network-status of {@code pod} (the annotation's JSON), if any. */
    public Optional<String> status(PodRef pod) {
        try {
            return Optional.of(Files.readString(statusFile(pod)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void event(PodRef pod, String reason, String message) {
        Path log = dir.resolve("status").resolve("events.log");
        String line = Instant.now() + " Normal " + reason + " pod/" + pod + " " + message.replace('\n', ' ') + "\n";
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // Events are informational: losing one must never fail the request (ClusterSource#event).
        }
    }

    @Override
    public void close() {
        // Nothing to release: the folder is read on demand.
    }

    private Path statusFile(PodRef pod) {
        return dir.resolve("status").resolve(pod.namespace()).resolve(pod.name() + ".json");
    }
}

package dev.manifold.daemon.cli;

import dev.manifold.daemon.config.ConfigParser;
import dev.manifold.daemon.config.DaemonConfig;
import dev.manifold.daemon.journal.AttachmentJournal;
import dev.manifold.daemon.journal.JournalEntry;
import dev.manifold.daemon.journal.JournalRecord;
import dev.manifold.daemon.source.PodRef;
import dev.manifold.daemon.source.standalone.StandaloneSource;
import dev.manifold.delegates.result.IpConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code manifold status [NS/POD]}: with a pod, its network-status (standalone store); without,
 * the node view: every attachment recorded in the journal.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show a pod's network-status, or every attachment recorded on this node.")
final class StatusCommand implements Callable<Integer> {
    @Option(names = "--config", description = "daemon config file (default: ${DEFAULT-VALUE})",
            defaultValue = "/etc/cni/net.d/multus.d/daemon-config.json")
    Path config;

    @Parameters(arity = "0..1", paramLabel = "NS/POD", description = "a pod, as namespace/name")
    String pod;

    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() {
        DaemonConfig cfg = ConfigParser.load(config, key -> { });
        if (pod != null) {
            int slash = pod.indexOf('/');
            if (slash <= 0 || slash == pod.length() - 1) {
                err.println("manifold status: give the pod as namespace/name");
                return 2;
            }
            if (cfg.standaloneDir().isEmpty()) {
                err.println("manifold status NS/POD reads the standalone store; in Kubernetes use: kubectl get pod "
                        + pod.substring(slash + 1) + " -n " + pod.substring(0, slash)
                        + " -o jsonpath='{.metadata.annotations.k8s\\.v1\\.cni\\.cncf\\.io/network-status}'");
                return 2;
            }
            Optional<String> status = new StandaloneSource(cfg.standaloneDir().get())
                    .status(new PodRef(pod.substring(0, slash), pod.substring(slash + 1)));
            if (status.isEmpty()) {
                err.println("no network-status recorded for " + pod);
                return 1;
            }
            out.println(status.get());
            return 0;
        }
        List<JournalRecord> records = new AttachmentJournal(cfg.cniDir())
                .list(file -> err.println("unreadable record: " + file));
        out.printf("%-28s %-14s %-9s %-8s %-28s %s%n", "POD", "CONTAINER", "STATE", "IFNAME", "NETWORK", "IPS");
        for (JournalRecord r : records) {
            for (JournalEntry e : r.entries()) {
                String ips = e.attachment().result()
                        .map(res -> String.join(",", dev.manifold.delegates.result.ResultConverter.toCurrent(res).ips()
                                .stream().map(IpConfig::address).toList())).orElse("-");
                out.printf("%-28s %-14s %-9s %-8s %-28s %s%n", r.pod().map(Object::toString).orElse("-"),
                        r.containerId().length() > 12 ? r.containerId().substring(0, 12) : r.containerId(),
                        r.state(), e.ifName(), e.statusName(), ips);
            }
        }
        return 0;
    }
}

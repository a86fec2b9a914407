package dev.manifold.bench;

import dev.manifold.delegates.config.NetConfList;
import dev.manifold.delegates.config.RuntimeConfig;
import dev.manifold.delegates.exec.PluginCall;
import dev.manifold.delegates.exec.PluginLocator;
import dev.manifold.delegates.exec.ProcessPluginExecutor;
import dev.manifold.delegates.invoke.DelegateInvoker;
import dev.manifold.delegates.result.CniResult;
import dev.manifold.delegates.spec.CniArgs;
import dev.manifold.delegates.spec.CniException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The floor: each delegate ADDed and DELeted on its own, with the config the daemon would give
 * it, by the same {@link DelegateInvoker} the daemon uses, from this (warmed-up) JVM, into an
 * empty namespace. What a pod's ADD costs above the sum of these is Manifold's overhead.
 */
final class RawDelegates {
    /** One delegate's times at one pace. */
    record Times(String network, String type, String ifName, Pace pace, Latency add, Latency del) {
    }

    private final BenchNode node;
    private final Sizes sizes;
    private final DelegateInvoker invoker;
    private int serial;

    RawDelegates(BenchNode node, Sizes sizes) {
        this.node = node;
        this.sizes = sizes;
        this.invoker = new DelegateInvoker(new PluginLocator(List.of(node.plugins())), new ProcessPluginExecutor(),
                Duration.ofSeconds(60));
    }

    /** Cluster network on eth0, then each secondary on net1, net2 … as a pod with all of them gets them. */
    List<Times> measure() {
        Path netns = node.netns();
        List<Times> out = new ArrayList<>();
        for (Pace pace : Pace.values()) {
            out.add(measure("bench-cluster", node.clusterConfig(), "eth0", netns, pace));
            for (int i = 0; i < BenchNode.SECONDARIES.size(); i++) {
                String name = BenchNode.SECONDARIES.get(i);
                out.add(measure(name, node.secondaryConfig(name), "net" + (i + 1), netns, pace));
            }
        }
        return out;
    }

    private Times measure(String network, String config, String ifName, Path netns, Pace pace) {
        NetConfList list = NetConfList.parseAny(config.getBytes(StandardCharsets.UTF_8));
        Latency.Recorder add = new Latency.Recorder();
        Latency.Recorder del = new Latency.Recorder();
        for (int i = 0; i < sizes.warmup() + sizes.runs(); i++) {
            boolean measured = i >= sizes.warmup();
            String id = "raw" + (serial++);
            PluginCall call = new PluginCall(id, Optional.of(netns.toString()), ifName,
                    CniArgs.parse("IgnoreUnknown=1;K8S_POD_NAMESPACE=bench;K8S_POD_NAME=raw;K8S_POD_INFRA_CONTAINER_ID=" + id));
            pace.pause(sizes.pause());
            Optional<CniResult> result = Optional.empty();
            long start = System.nanoTime();
            try {
                result = Optional.of(invoker.add(list, call, RuntimeConfig.empty()));
                record(measured, add, start);
            } catch (CniException e) {
                failed(measured, add, network + " ADD", e);
            }
            pace.pause(sizes.pause());
            start = System.nanoTime();
            try {
                invoker.del(list, call, RuntimeConfig.empty(), result);
                record(measured, del, start);
            } catch (CniException e) {
                failed(measured, del, network + " DEL", e);
            }
        }
        return new Times(network, list.plugins().getFirst().type(), ifName, pace, add.summary(), del.summary());
    }

    private static void record(boolean measured, Latency.Recorder recorder, long start) {
        if (measured) {
            recorder.ok(System.nanoTime() - start);
        }
    }

    private static void failed(boolean measured, Latency.Recorder recorder, String what, CniException e) {
        System.err.println("raw " + what + " failed: " + e.getMessage());
        if (measured) {
            recorder.failed();
        }
    }
}

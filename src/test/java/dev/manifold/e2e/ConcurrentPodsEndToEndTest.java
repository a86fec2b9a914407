package dev.manifold.e2e;

import dev.manifold.testkit.Netns;
import dev.manifold.testkit.NetnsTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Many pods at once through the real processes: all attach, all detach, nothing leaks. */
@NetnsTest
class ConcurrentPodsEndToEndTest {
    private static final int PODS = 20;

    @Test
    void given20Pods_whenAddAndDelConcurrently_thenAllSucceedAndAllIpsAreReleased() throws Exception {
        try (Node node = new Node()) {
            node.nad("load", "data", node.bridgeConfig("data", "10.61.0.0/24"));
            List<Netns> namespaces = new ArrayList<>();
            for (int i = 0; i < PODS; i++) {
                node.pod("load", "pod" + i, "uid-" + i, Map.of("k8s.v1.cni.cncf.io/networks", "data"));
                namespaces.add(Netns.create());
            }
            node.start();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<ProcessResult>> adds = new ArrayList<>();
                for (int i = 0; i < PODS; i++) {
                    int n = i;
                    adds.add(pool.submit(() -> node.shim("ADD", "load" + n, namespaces.get(n).path(), "eth0", "load", "pod" + n, "uid-" + n)));
                }
                for (Future<ProcessResult> f : adds) {
                    assertThat(f.get().exit()).as(f.get().toString()).isZero();
                }
                assertThat(node.allocations()).hasSize(2 * PODS);
                for (Netns ns : namespaces) {
                    assertThat(ns.linkNames()).contains("eth0", "net1");
                }

                List<Future<ProcessResult>> dels = new ArrayList<>();
                for (int i = 0; i < PODS; i++) {
                    int n = i;
                    dels.add(pool.submit(() -> node.shim("DEL", "load" + n, namespaces.get(n).path(), "eth0", "load", "pod" + n, "uid-" + n)));
                }
                for (Future<ProcessResult> f : dels) {
                    assertThat(f.get().exit()).as(f.get().toString()).isZero();
                }
            } finally {
                pool.shutdownNow();
                namespaces.forEach(Netns::close);
            }
            assertThat(node.allocations()).isEmpty();
            assertThat(node.records()).isEmpty();
        }
    }
}

package dev.manifold.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.manifold.testkit.HostVeth;
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

/**
 * {@code parallelSecondaries} with the Debian plugins: pods with a macvlan, a ptp and two bridge
 * networks on ONE bridge (which must not be added at the same time), many pods at once, so that
 * independent secondaries of a pod overlap and pods race each other too. Every ADD succeeds,
 * interface names and network-status keep the annotation's order, and DEL leaves nothing behind.
 */
@NetnsTest
class ParallelSecondariesEndToEndTest {
    private static final int PODS = 12;
    private static final List<String> NETWORKS = List.of("lan", "link", "data", "data-two");
    private static final List<String> SUBNETS = List.of("10.64.", "10.65.", "10.66.", "10.67.");

    @Test
    void givenPodsWithIndependentAndSharedSecondaries_whenAddedConcurrently_thenEveryPodGetsItsNetworksInOrder() throws Exception {
        try (Node node = new Node(); HostVeth lan = HostVeth.create()) {
            node.daemonConfig().put("parallelSecondaries", true);
            String sharedBridge = node.bridge("shared");
            node.nad("load", "lan", node.macvlanConfig("lan", lan.master(), "10.64.0.0/16"));
            node.nad("load", "link", """
                    {"cniVersion":"1.0.0","name":"link","type":"ptp",
                     "ipam":{"type":"host-local","dataDir":"%s","ranges":[[{"subnet":"10.65.0.0/16"}]]}}"""
                    .formatted(node.ipamDir()));
            for (int i = 2; i < NETWORKS.size(); i++) {
                node.nad("load", NETWORKS.get(i), """
                        {"cniVersion":"1.0.0","name":"%s","type":"bridge","bridge":"%s",
                         "ipam":{"type":"host-local","dataDir":"%s","ranges":[[{"subnet":"%s0.0/16"}]]}}"""
                        .formatted(NETWORKS.get(i), sharedBridge, node.ipamDir(), SUBNETS.get(i)));
            }
            List<Netns> namespaces = new ArrayList<>();
            for (int i = 0; i < PODS; i++) {
                node.pod("load", "pod" + i, "uid-" + i, Map.of("k8s.v1.cni.cncf.io/networks", String.join(",", NETWORKS)));
                namespaces.add(Netns.create());
            }
            node.start();
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<ProcessResult>> adds = new ArrayList<>();
                for (int i = 0; i < PODS; i++) {
                    int n = i;
                    adds.add(pool.submit(() -> node.shim("ADD", "par" + n, namespaces.get(n).path(), "eth0", "load", "pod" + n, "uid-" + n)));
                }
                for (Future<ProcessResult> f : adds) {
                    assertThat(f.get().exit()).as(f.get().toString()).isZero();
                }
                for (int i = 0; i < PODS; i++) {
                    for (int k = 0; k < NETWORKS.size(); k++) {
                        assertThat(namespaces.get(i).ipv4Addresses("net" + (k + 1))).singleElement().asString().startsWith(SUBNETS.get(k));
                    }
                    JsonNode status = node.status("load", "pod" + i);
                    for (int k = 0; k < NETWORKS.size(); k++) {
                        assertThat(status.get(k + 1).path("name").asText()).isEqualTo("load/" + NETWORKS.get(k));
                        assertThat(status.get(k + 1).path("interface").asText()).isEqualTo("net" + (k + 1));
                    }
                }
                assertThat(node.allocations()).hasSize(PODS * (NETWORKS.size() + 1));

                List<Future<ProcessResult>> dels = new ArrayList<>();
                for (int i = 0; i < PODS; i++) {
                    int n = i;
                    dels.add(pool.submit(() -> node.shim("DEL", "par" + n, namespaces.get(n).path(), "eth0", "load", "pod" + n, "uid-" + n)));
                }
                for (Future<ProcessResult> f : dels) {
                    assertThat(f.get().exit()).as(f.get().toString()).isZero();
                }
                for (Netns ns : namespaces) {
                    assertThat(ns.linkNames()).containsExactly("lo");
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

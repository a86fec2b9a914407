package dev.manifold.daemon.metrics;

import dev.manifold.daemon.StandaloneNode;
import dev.manifold.testkit.Netns;
import dev.manifold.testkit.NetnsTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics endpoint of an in-process daemon, scraped over HTTP after real ADDs and DELs (real
 * bridge and host-local plugins in a real netns; a fake plugin for the failing network).
 */
@NetnsTest
class MetricsEndpointTest {
    @TempDir
    Path dir;

    private StandaloneNode node;

    @BeforeEach
    void startNode() throws Exception {
        node = StandaloneNode.start(dir);
    }

    @AfterEach
    void stopNode() {
        node.close();
    }

    @Test
    void givenSuccessfulAdd_whenScraped_thenAddOkIsCountedOnce(Netns netns) throws Exception {
        assertThat(node.cni("ADD", netns, "app", "c0ffee01").status()).isEqualTo(200);

        Scrape scrape = Scrape.of(node.scrape());

        assertThat(scrape.value("manifold_cni_requests_total{command=\"ADD\",outcome=\"ok\"}")).hasValue(1.0);
    }

    @Test
    void givenAddThenDel_whenScraped_thenDelOkIsCountedOnce(Netns netns) throws Exception {
        node.cni("ADD", netns, "app", "c0ffee01");
        assertThat(node.cni("DEL", netns, "app", "c0ffee01").status()).isEqualTo(200);

        Scrape scrape = Scrape.of(node.scrape());

        assertThat(scrape.value("manifold_cni_requests_total{command=\"DEL\",outcome=\"ok\"}")).hasValue(1.0);
    }

    @Test
    void givenSuccessfulAdd_whenScraped_thenRequestDurationHasOneAddSample(Netns netns) throws Exception {
        node.cni("ADD", netns, "app", "c0ffee01");

        Scrape scrape = Scrape.of(node.scrape());

        assertThat(scrape.value("manifold_cni_request_duration_seconds_count{command=\"ADD\"}")).hasValue(1.0);
        assertThat(scrape.value("manifold_cni_request_duration_seconds_bucket{command=\"ADD\",le=\"+Inf\"}")).hasValue(1.0);
    }

    @Test
    void givenAddOnTwoBridges_whenScraped_thenDelegateHistogramHasBothBridgeRuns(Netns netns) throws Exception {
        node.cni("ADD", netns, "app", "c0ffee01");

        Scrape scrape = Scrape.of(node.scrape());

        // eth0 (cluster) and net1 (data) are both bridges.
        assertThat(scrape.value("manifold_delegate_exec_duration_seconds_count{command=\"ADD\",plugin=\"bridge\"}"))
                .hasValue(2.0);
    }

    @Test
    void givenDelegateFailingWithCode11_whenScraped_thenTheAddOutcomeIs11(Netns netns) throws Exception {
        assertThat(node.cni("ADD", netns, "flaky", "badc0de1").status()).isEqualTo(503);

        Scrape scrape = Scrape.of(node.scrape());

        assertThat(scrape.value("manifold_cni_requests_total{command=\"ADD\",outcome=\"11\"}")).hasValue(1.0);
    }

    @Test
    void givenDelegateFailingWithCode11_whenScraped_thenTheDelegateErrorIsCountedWithItsCode(Netns netns) throws Exception {
        node.cni("ADD", netns, "flaky", "badc0de1");

        Scrape scrape = Scrape.of(node.scrape());

        // Its ADD, and the DEL of the rollback, which fails the same way.
        assertThat(scrape.value("manifold_delegate_errors_total{code=\"11\",plugin=\"busy\"}")).hasValue(2.0);
    }

    @Test
    void givenAttachedPod_whenScraped_thenItsInterfacesAreRecorded(Netns netns) throws Exception {
        node.cni("ADD", netns, "app", "c0ffee01");

        Scrape scrape = Scrape.of(node.scrape());

        assertThat(scrape.value("manifold_attachments{state=\"ATTACHED\"}")).hasValue(2.0);
        assertThat(scrape.value("manifold_attachments{state=\"ROLLBACK_FAILED\"}")).hasValue(0.0);
    }

    @Test
    void givenPodDeleted_whenScraped_thenNoInterfaceIsRecorded(Netns netns) throws Exception {
        node.cni("ADD", netns, "app", "c0ffee01");
        node.cni("DEL", netns, "app", "c0ffee01");

        Scrape scrape = Scrape.of(node.scrape());

        assertThat(scrape.value("manifold_attachments{state=\"ATTACHED\"}")).hasValue(0.0);
    }

    @Test
    void givenAnsweredRequests_whenScraped_thenNoneIsInFlight(Netns netns) throws Exception {
        node.cni("ADD", netns, "app", "c0ffee01");

        Scrape scrape = Scrape.of(node.scrape());

        assertThat(scrape.value("manifold_requests_in_flight")).hasValue(0.0);
    }

    @Test
    void givenStandaloneSource_whenScraped_thenJvmMemoryIsThereAndApiCountersAreNot() throws Exception {
        Scrape scrape = Scrape.of(node.scrape());

        assertThat(scrape.has("jvm_memory_used_bytes")).as(scrape.text()).isTrue();
        assertThat(scrape.has("manifold_kubernetes_api_requests_total")).isFalse();
    }
}

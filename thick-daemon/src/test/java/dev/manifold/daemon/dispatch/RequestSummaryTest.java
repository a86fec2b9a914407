package dev.manifold.daemon.dispatch;

import dev.manifold.daemon.source.PodRef;
import dev.manifold.delegates.spec.CniCommand;
import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RequestSummaryTest {
    @Test
    void givenUnparseableRequest_whenLine_thenUnknownPartsAreDashes() {
        RequestSummary summary = new RequestSummary(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(), Optional.of(new CniException(CniErrorCode.DECODING_FAILURE, "request body is not JSON")),
                Duration.ofMillis(3));

        assertThat(summary.line()).isEqualTo("? - - - networks=[] code 6 3ms: request body is not JSON");
    }

    @Test
    void givenSuccess_whenOutcome_thenOk() {
        RequestSummary summary = new RequestSummary(Optional.of(CniCommand.DEL), Optional.of(new PodRef("team", "app")),
                Optional.of("c0ffee01"), Optional.of("eth0"), List.of("cluster"), Optional.empty(), Duration.ofMillis(40));

        assertThat(summary.outcome()).isEqualTo("ok");
    }

    @Test
    void givenPluginSpecificCode_whenOutcome_thenTheCodeAsText() {
        RequestSummary summary = new RequestSummary(Optional.of(CniCommand.ADD), Optional.empty(), Optional.of("c0ffee01"),
                Optional.of("eth0"), List.of(), Optional.of(new CniException(117, "plugin says no", "", null)), Duration.ZERO);

        assertThat(summary.outcome()).isEqualTo("117");
    }
}

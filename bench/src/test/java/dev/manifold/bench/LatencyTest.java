package dev.manifold.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyTest {
    private static List<Long> millis(long... values) {
        List<Long> nanos = new ArrayList<>();
        for (long v : values) {
            nanos.add(v * 1_000_000);
        }
        return nanos;
    }

    @Test
    void givenOddCount_whenSummarised_thenTheMedianIsTheMiddleRun() {
        Latency l = Latency.of(millis(30, 10, 20), 0);

        assertThat(l.min()).isEqualTo(10.0);
        assertThat(l.median()).isEqualTo(20.0);
    }

    @Test
    void givenEvenCount_whenSummarised_thenTheMedianIsTheMeanOfTheMiddleTwo() {
        Latency l = Latency.of(millis(40, 10, 20, 30), 0);

        assertThat(l.median()).isEqualTo(25.0);
    }

    @Test
    void givenTwentyRuns_whenSummarised_thenP95IsTheNineteenthByNearestRank() {
        long[] values = new long[20];
        for (int i = 0; i < 20; i++) {
            values[i] = i + 1;
        }

        Latency l = Latency.of(millis(values), 0);

        assertThat(l.p95()).isEqualTo(19.0);
    }

    @Test
    void givenOnlyFailures_whenSummarised_thenTimesAreUnknownAndFailuresCounted() {
        Latency l = Latency.of(List.of(), 3);

        assertThat(l.runs()).isZero();
        assertThat(l.failures()).isEqualTo(3);
        assertThat(l.median()).isNaN();
    }
}

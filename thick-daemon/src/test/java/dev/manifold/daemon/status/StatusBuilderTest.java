package dev.manifold.daemon.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.manifold.crds.npwg.NpwgJson;
import dev.manifold.delegates.result.CniResult;
import dev.manifold.delegates.result.Result1x;
import dev.manifold.delegates.result.ResultConverter;
import dev.manifold.delegates.spec.CniVersion;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkStatus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatusBuilderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void givenDefaultAttachment_whenWritten_thenDefaultAndGatewaysAreWrittenAsMultusDoes() throws Exception {
        Result1x result = result("result-1.1.0.json");

        JsonNode written = written(StatusBuilder.of("team-a/lan", "net1", true, result));

        assertThat(written).isEqualTo(fixture("expected-default.json"));
    }

    @Test
    void givenSecondaryAttachment_whenWritten_thenDefaultAndGatewaysAreLeftOut() throws Exception {
        Result1x result = result("result-1.1.0.json");

        JsonNode written = written(StatusBuilder.of("team-a/lan", "net1", false, result));

        assertThat(written).isEqualTo(fixture("expected-secondary.json"));
    }

    @Test
    void givenResultWithoutMtuOrDns_whenWritten_thenMtuIsLeftOutAndDnsIsEmpty() throws Exception {
        Result1x result = result("result-bare-1.0.0.json");

        JsonNode written = written(StatusBuilder.of("team-a/lan", "net1", false, result));

        assertThat(written).isEqualTo(fixture("expected-bare.json"));
    }

    private static JsonNode written(NetworkStatus status) throws IOException {
        return JSON.readTree(NpwgJson.writeStatus(List.of(status))).get(0);
    }

    private static Result1x result(String name) throws IOException {
        return ResultConverter.toCurrent(CniResult.parse(fixture(name), CniVersion.V1_0_0));
    }

    private static JsonNode fixture(String name) throws IOException {
        try (InputStream in = StatusBuilderTest.class.getResourceAsStream("/fixtures/status/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return JSON.readTree(in);
        }
    }
}

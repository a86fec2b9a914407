package dev.manifold.crds.npwg;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.crds.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetworkStatusTest {
    private static final ObjectMapper PLAIN = new ObjectMapper();

    @Test
    void givenMultusNetworkStatus_whenReadAndWritten_thenTheSameJsonComesOut() throws Exception {
        String multus = Fixtures.read("fixtures/npwg/network-status-multus.json");

        String written = NpwgJson.write(NpwgJson.readStatus(multus));

        assertThat(PLAIN.readTree(written)).isEqualTo(PLAIN.readTree(multus));
    }

    @Test
    void givenMultusNetworkStatus_whenReadAndWritten_thenKeysKeepMultusOrder() throws Exception {
        String multus = Fixtures.read("fixtures/npwg/network-status-multus.json");

        String written = NpwgJson.write(NpwgJson.readStatus(multus));

        assertThat(written).isEqualTo(Fixtures.read("fixtures/npwg/network-status-multus.compact.json").strip());
    }

    @Test
    void givenStatusWithoutInterfaceOrMac_whenRoundTripped_thenNothingIsAdded() throws Exception {
        String multus = Fixtures.read("fixtures/npwg/network-status-no-interface.json");

        String written = NpwgJson.write(NpwgJson.readStatus(multus));

        assertThat(PLAIN.readTree(written)).isEqualTo(PLAIN.readTree(multus));
    }

    @Test
    void givenMultusNetworkStatus_whenRead_thenFieldsAreMapped() throws Exception {
        List<NetworkStatus> status = NpwgJson.readStatus(Fixtures.read("fixtures/npwg/network-status-multus.json"));

        assertThat(status).extracting(NetworkStatus::name)
                .containsExactly("cbr0", "team-a/macvlan-conf", "team-a/sriov-net");
        assertThat(status.get(0).defaultNetwork()).isTrue();
        assertThat(status.get(0).mtu()).isEqualTo(1450);
        assertThat(status.get(0).gateway()).containsExactly("10.244.1.1", "fd00:10:244:1::1");
        assertThat(status.get(1).defaultNetwork()).isFalse();
        assertThat(status.get(1).dns().search()).containsExactly("lab.example", "example");
        assertThat(status.get(2).deviceInfo().path("pci").path("pci-address").asText()).isEqualTo("0000:98:1f.2");
        assertThat(status.get(2).ips()).isEmpty();
    }

    @Test
    void givenOnlyAName_whenWritten_thenOnlyNameAndEmptyDnsAreWritten() {
        NetworkStatus status = new NetworkStatus("ns/a", null, null, null, 0, false, null, null, null);

        assertThat(NpwgJson.write(List.of(status))).isEqualTo("[{\"name\":\"ns/a\",\"dns\":{}}]");
    }

    @Test
    void givenEmptyStringsAndLists_whenWritten_thenTheyAreLeftOut() {
        NetworkStatus status = new NetworkStatus("ns/a", "", List.of(), "", 0, false,
                new NetworkStatus.Dns(List.of(), "", List.of(), List.of()), null, List.of());

        assertThat(NpwgJson.write(List.of(status))).isEqualTo("[{\"name\":\"ns/a\",\"dns\":{}}]");
    }

    @Test
    void givenDefaultNetwork_whenWritten_thenDefaultIsTrueUnderMultusKey() {
        NetworkStatus status = new NetworkStatus("cbr0", "eth0", List.of("10.0.0.2"), null, 0, true, null, null,
                List.of());

        assertThat(NpwgJson.write(List.of(status)))
                .isEqualTo("[{\"name\":\"cbr0\",\"interface\":\"eth0\",\"ips\":[\"10.0.0.2\"],\"default\":true,\"dns\":{}}]");
    }

    @Test
    void givenDeviceInfo_whenWritten_thenItIsWrittenAsIsUnderDeviceInfoKey() throws Exception {
        ObjectNode deviceInfo = (ObjectNode) PLAIN.readTree("{\"type\":\"vdpa\",\"vdpa\":{\"driver\":\"vhost\"}}");
        NetworkStatus status = new NetworkStatus("ns/v", "net1", null, null, 9000, false, null, deviceInfo, null);

        assertThat(NpwgJson.write(List.of(status))).isEqualTo(
                "[{\"name\":\"ns/v\",\"interface\":\"net1\",\"mtu\":9000,\"dns\":{},"
                        + "\"device-info\":{\"type\":\"vdpa\",\"vdpa\":{\"driver\":\"vhost\"}}}]");
    }

    @Test
    void givenDeviceInfoPassedIn_whenCallerMutatesItLater_thenTheStatusIsUnchanged() throws Exception {
        ObjectNode deviceInfo = (ObjectNode) PLAIN.readTree("{\"type\":\"pci\"}");
        NetworkStatus status = new NetworkStatus("ns/v", null, null, null, 0, false, null, deviceInfo, null);

        deviceInfo.put("type", "changed");

        assertThat(status.deviceInfo().get("type").asText()).isEqualTo("pci");
    }

    @Test
    void givenMissingName_whenConstructed_thenRejected() {
        assertThatThrownBy(() -> new NetworkStatus("", null, null, null, 0, false, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[{\"name\":\"a\",\"default\":\"true\"}]",
            "[{\"name\":\"a\",\"default\":1}]",
            "[{\"name\":\"a\",\"mtu\":\"1500\"}]",
            "[{\"name\":\"a\",\"mtu\":-1}]",
            "[{\"name\":\"a\",\"ips\":\"10.0.0.1\"}]",
            "[{\"name\":\"a\",\"dns\":[]}]",
            "[{\"name\":\"a\",\"device-info\":\"pci\"}]",
            "[{\"name\":\"a\",\"gateway\":[1]}]",
            "[{\"interface\":\"eth0\"}]",
    })
    void givenWrongJsonType_whenReadStatus_thenFails(String json) {
        assertThatThrownBy(() -> NpwgJson.readStatus(json)).isInstanceOf(JsonProcessingException.class);
    }
}

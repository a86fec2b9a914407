package dev.manifold.crds.npwg;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.manifold.crds.Fixtures;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.DNS;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.DeviceInfoBuilder;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkStatus;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkStatusBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NpwgJsonStatusTest {
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private static String fixture(String name) {
        return Fixtures.read("fixtures/npwg/" + name);
    }

    private static JsonNode written(NetworkStatus status) throws JsonProcessingException {
        return PLAIN.readTree(NpwgJson.writeStatus(List.of(status))).get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"network-status-multus.json", "network-status-no-interface.json",
            "network-status-unknown-keys.json"})
    void givenNetworkStatus_whenReadAndWritten_thenTheSameJsonComesOut(String name) throws Exception {
        String json = fixture(name);

        String written = NpwgJson.writeStatus(NpwgJson.readStatus(json));

        assertThat(PLAIN.readTree(written)).isEqualTo(PLAIN.readTree(json));
    }

    @Test
    void givenNetworkStatus_whenWritten_thenItIsOneCompactLine() throws Exception {
        String written = NpwgJson.writeStatus(NpwgJson.readStatus(fixture("network-status-multus.json")));

        assertThat(written).doesNotContain("\n", ": ");
    }

    @Test
    void givenMultusNetworkStatus_whenRead_thenFieldsAreMapped() throws Exception {
        List<NetworkStatus> status = NpwgJson.readStatus(fixture("network-status-multus.json"));

        assertThat(status).extracting(NetworkStatus::getName)
                .containsExactly("cbr0", "team-a/macvlan-conf", "team-a/sriov-net");
        assertThat(status.get(0).getDefault()).isTrue();
        assertThat(status.get(0).getMtu()).isEqualTo(1450);
        assertThat(status.get(0).getGateway()).containsExactly("10.244.1.1", "fd00:10:244:1::1");
        assertThat(status.get(1).getDefault()).isNull();
        assertThat(status.get(1).getDns().getSearch()).containsExactly("lab.example", "example");
        assertThat(status.get(2).getDeviceInfo().getPci().getPciAddress()).isEqualTo("0000:98:1f.2");
        assertThat(status.get(2).getIps()).isEmpty();
    }

    @Test
    void givenOnlyAName_whenWritten_thenOnlyNameAndEmptyDnsAreWritten() throws Exception {
        NetworkStatus status = new NetworkStatusBuilder().withName("ns/a").build();

        assertThat(written(status)).isEqualTo(PLAIN.readTree("{\"name\":\"ns/a\",\"dns\":{}}"));
    }

    @Test
    void givenEmptyStringsListsAndZeroes_whenWritten_thenTheyAreLeftOut() throws Exception {
        NetworkStatus status = new NetworkStatusBuilder().withName("ns/a").withInterface("").withIps(List.of())
                .withMac("").withMtu(0).withDefault(false).withDns(new DNS("", List.of(), List.of(), List.of()))
                .withGateway(List.of()).build();

        assertThat(written(status)).isEqualTo(PLAIN.readTree("{\"name\":\"ns/a\",\"dns\":{}}"));
    }

    @Test
    void givenDefaultNetwork_whenWritten_thenDefaultIsTrueUnderMultusKey() throws Exception {
        NetworkStatus status = new NetworkStatusBuilder().withName("cbr0").withInterface("eth0")
                .withIps("10.0.0.2").withDefault(true).build();

        assertThat(written(status)).isEqualTo(PLAIN.readTree(
                "{\"name\":\"cbr0\",\"interface\":\"eth0\",\"ips\":[\"10.0.0.2\"],\"default\":true,\"dns\":{}}"));
    }

    @Test
    void givenDeviceInfoAndMtu_whenWritten_thenTheyAreWrittenUnderMultusKeys() throws Exception {
        NetworkStatus status = new NetworkStatusBuilder().withName("ns/v").withInterface("net1").withMtu(9000)
                .withDeviceInfo(new DeviceInfoBuilder().withType("vdpa").withNewVdpa().withDriver("vhost").endVdpa()
                        .build())
                .build();

        assertThat(written(status)).isEqualTo(PLAIN.readTree("{\"name\":\"ns/v\",\"interface\":\"net1\",\"mtu\":9000,"
                + "\"dns\":{},\"device-info\":{\"type\":\"vdpa\",\"vdpa\":{\"driver\":\"vhost\"}}}"));
    }

    @Test
    void givenStatusToWrite_whenWritten_thenTheEntryPassedInIsUnchanged() {
        NetworkStatus status = new NetworkStatusBuilder().withName("ns/a").withMac("").withMtu(0).withDefault(false)
                .build();
        NetworkStatus copy = new NetworkStatusBuilder(status).build();

        NpwgJson.writeStatus(List.of(status));

        assertThat(status).isEqualTo(copy);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void givenMissingName_whenWritten_thenRejected(String name) {
        NetworkStatus status = new NetworkStatusBuilder().withName(name).build();

        assertThatThrownBy(() -> NpwgJson.writeStatus(List.of(status)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"name\"");
    }

    @Test
    void givenNegativeMtu_whenWritten_thenRejected() {
        NetworkStatus status = new NetworkStatusBuilder().withName("ns/a").withMtu(-1).build();

        assertThatThrownBy(() -> NpwgJson.writeStatus(List.of(status)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mtu");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[{\"name\":\"a\",\"default\":\"true\"}]",
            "[{\"name\":\"a\",\"default\":1}]",
            "[{\"name\":\"a\",\"mtu\":\"1500\"}]",
            "[{\"name\":\"a\",\"mtu\":1500.0}]",
            "[{\"name\":\"a\",\"mtu\":-1}]",
            "[{\"name\":\"a\",\"ips\":\"10.0.0.1\"}]",
            "[{\"name\":\"a\",\"ips\":[null]}]",
            "[{\"name\":\"a\",\"dns\":[]}]",
            "[{\"name\":\"a\",\"dns\":{\"nameservers\":\"10.0.0.53\"}}]",
            "[{\"name\":\"a\",\"device-info\":\"pci\"}]",
            "[{\"name\":\"a\",\"device-info\":{\"pci\":{\"pci-address\":5}}}]",
            "[{\"name\":\"a\",\"gateway\":[1]}]",
            "[{\"interface\":\"eth0\"}]",
            "[{\"name\":\"\"}]",
            "[null]",
    })
    void givenWrongJsonType_whenReadStatus_thenFails(String json) {
        assertThatThrownBy(() -> NpwgJson.readStatus(json)).isInstanceOf(JsonProcessingException.class);
    }
}

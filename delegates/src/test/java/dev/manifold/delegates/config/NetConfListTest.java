package dev.manifold.delegates.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.delegates.spec.CniException;
import dev.manifold.delegates.spec.CniVersion;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetConfListTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void givenConflist_whenParsed_thenListFieldsAreRead() {
        NetConfList list = NetConfList.parse(ConfigFixtures.bytes("bridge-portmap.conflist"));

        assertThat(list.name()).isEqualTo("mfnet");
        assertThat(list.cniVersion()).isEqualTo(CniVersion.V1_0_0);
        assertThat(list.plugins()).extracting(NetConf::type).containsExactly("bridge", "portmap", "tuning");
        assertThat(list.isSingleConf()).isFalse();
    }

    @Test
    void givenDisableCheckAsString_whenRead_thenItIsTrue() {
        NetConfList list = NetConfList.parse(ConfigFixtures.bytes("bridge-portmap.conflist"));

        assertThat(list.disableCheck()).isTrue();
        assertThat(list.disableGC()).isFalse();
    }

    @Test
    void givenConflist_whenWritten_thenUnknownFieldsSurvive() throws Exception {
        byte[] original = ConfigFixtures.bytes("bridge-portmap.conflist");

        byte[] written = NetConfList.parse(original).toBytes();

        assertThat(new String(written, StandardCharsets.UTF_8))
                .isEqualTo(JSON.writeValueAsString(ConfigJson.readObject(original, "fixture")))
                .contains("\"weights\":[3,1.50,123456789012345678901234567890]")
                .contains("\"kubeconfig\":\"/etc/cni/net.d/calico-kubeconfig\"");
    }

    @Test
    void givenCniVersions_whenRead_thenHighestKnownWinsAndUnknownAreIgnored() {
        NetConfList list = NetConfList.parse(ConfigFixtures.bytes("versions.conflist"));

        assertThat(list.cniVersion()).isEqualTo(CniVersion.V1_1_0);
        assertThat(list.cniVersions()).containsExactly(CniVersion.V0_4_0, CniVersion.V1_0_0, CniVersion.V1_1_0);
        assertThat(list.disableGC()).isTrue();
    }

    @Test
    void givenCniVersionAboveEveryCniVersionsEntry_whenRead_thenCniVersionWinsAsInLibcni() {
        String json = "{\"cniVersion\":\"1.1.0\",\"cniVersions\":[\"0.4.0\"],\"name\":\"n\",\"plugins\":[{\"type\":\"bridge\"}]}";

        NetConfList list = NetConfList.parse(json.getBytes(StandardCharsets.UTF_8));

        assertThat(list.cniVersion()).isEqualTo(CniVersion.V1_1_0);
    }

    @Test
    void givenNoCniVersions_whenRead_thenCandidatesAreEmpty() {
        NetConfList list = NetConfList.parse(ConfigFixtures.bytes("bridge-portmap.conflist"));

        assertThat(list.cniVersions()).isEmpty();
    }

    @Test
    void givenConflist_whenPluginToRun_thenNameAndVersionAreInjectedAndNothingElseChanges() {
        NetConfList list = NetConfList.parse(ConfigFixtures.bytes("bridge-portmap.conflist"));
        ObjectNode expected = list.plugins().get(1).json();
        expected.put("name", "mfnet");
        expected.put("cniVersion", "0.4.0");

        NetConf run = list.pluginToRun(1, CniVersion.V0_4_0);

        assertThat(run.json()).isEqualTo(expected);
        assertThat(run.json().propertyStream().map(e -> e.getKey()).toList())
                .containsExactly("type", "capabilities", "snat", "name", "cniVersion");
    }

    @Test
    void givenConflist_whenPluginToRun_thenPluginsStayAsWritten() {
        NetConfList list = NetConfList.parse(ConfigFixtures.bytes("bridge-portmap.conflist"));

        list.pluginToRun(0, CniVersion.V1_1_0);

        assertThat(list.plugins().get(0).name()).isEmpty();
    }

    @Test
    void givenConflist_whenCapabilitiesAsked_thenUnionOfPluginsTrueOnes() {
        NetConfList list = NetConfList.parse(ConfigFixtures.bytes("bridge-portmap.conflist"));

        assertThat(list.capabilities()).containsExactly("portMappings", "mac");
    }

    @Test
    void givenCniVersions_whenWithCniVersion_thenTheyAreRemoved() {
        NetConfList list = NetConfList.parse(ConfigFixtures.bytes("versions.conflist"));

        NetConfList pinned = list.withCniVersion(CniVersion.V0_4_0);

        assertThat(pinned.cniVersion()).isEqualTo(CniVersion.V0_4_0);
        assertThat(pinned.json().has("cniVersions")).isFalse();
        assertThat(list.cniVersion()).isEqualTo(CniVersion.V1_1_0);
    }

    @Test
    void givenConflist_whenWithName_thenPluginsRunUnderTheNewName() {
        NetConfList list = NetConfList.parse(ConfigFixtures.bytes("bridge-portmap.conflist"));

        NetConfList renamed = list.withName("mfrenamed");

        assertThat(renamed.pluginToRun(2, CniVersion.V1_0_0).name()).contains("mfrenamed");
        assertThat(list.name()).isEqualTo("mfnet");
    }

    @Test
    void givenSingleConfig_whenParsedAny_thenItIsALiftedListOfOne() {
        NetConfList list = NetConfList.parseAny(ConfigFixtures.bytes("macvlan.conf"));

        assertThat(list.isSingleConf()).isTrue();
        assertThat(list.name()).isEqualTo("mfmacvlan");
        assertThat(list.cniVersion()).isEqualTo(CniVersion.V0_4_0);
        assertThat(list.plugins()).extracting(NetConf::type).containsExactly("macvlan");
    }

    @Test
    void givenConflist_whenParsedAny_thenItIsAList() {
        NetConfList list = NetConfList.parseAny(ConfigFixtures.bytes("bridge-portmap.conflist"));

        assertThat(list.isSingleConf()).isFalse();
        assertThat(list).isEqualTo(NetConfList.parse(ConfigFixtures.bytes("bridge-portmap.conflist")));
    }

    @Test
    void givenSingleConfig_whenWritten_thenTheSingleFormIsWritten() {
        byte[] original = ConfigFixtures.text("macvlan.conf").strip().getBytes(StandardCharsets.UTF_8);

        byte[] written = NetConfList.parseAny(original).toBytes();

        assertThat(written).isEqualTo(original);
    }

    @Test
    void givenSingleConfig_whenRenamedAndRepinned_thenTheSingleFormCarriesTheChanges() {
        NetConfList list = NetConfList.ofSingle(NetConf.parse(ConfigFixtures.bytes("macvlan.conf")));

        NetConfList changed = list.withName("mfnad").withCniVersion(CniVersion.V1_0_0);

        NetConf written = NetConf.parse(changed.toBytes());
        assertThat(written.name()).contains("mfnad");
        assertThat(written.cniVersion()).isEqualTo(CniVersion.V1_0_0);
        assertThat(written.json().has("plugins")).isFalse();
        assertThat(changed.isSingleConf()).isTrue();
    }

    @Test
    void givenSingleConfig_whenPluginToRun_thenVersionIsInjected() {
        NetConfList list = NetConfList.parseAny(ConfigFixtures.bytes("macvlan.conf"));

        NetConf run = list.pluginToRun(0, CniVersion.V0_3_1);

        assertThat(run.cniVersion()).isEqualTo(CniVersion.V0_3_1);
        assertThat(run.name()).contains("mfmacvlan");
    }

    @Test
    void givenSingleConfigWithoutName_whenPluginToRun_thenNoEmptyNameIsInjected() {
        NetConfList list = NetConfList.parseAny("{\"cniVersion\":\"1.0.0\",\"type\":\"bridge\"}".getBytes(StandardCharsets.UTF_8));

        NetConf run = list.pluginToRun(0, CniVersion.V1_0_0);

        assertThat(list.name()).isEmpty();
        assertThat(run.json().has("name")).isFalse();
    }

    @Test
    void givenPluginWithUnknownVersionInAList_whenParsed_thenTheListVersionApplies() {
        String json = "{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"plugins\":[{\"type\":\"bridge\",\"cniVersion\":\"5.0.0\"}]}";

        NetConfList list = NetConfList.parse(json.getBytes(StandardCharsets.UTF_8));

        assertThat(list.pluginToRun(0, list.cniVersion()).cniVersion()).isEqualTo(CniVersion.V1_0_0);
        assertThatThrownBy(() -> list.plugins().get(0).cniVersion())
                .isInstanceOfSatisfying(CniException.class, e -> assertThat(e.code()).isEqualTo(1));
    }

    @Test
    void givenList_whenPrinted_thenConfigContentIsNotShown() {
        NetConfList list = NetConfList.parse(ConfigFixtures.bytes("bridge-portmap.conflist"));

        assertThat(list.toString()).isEqualTo("conflist \"mfnet\" (3 plugins)");
    }
}

package dev.manifold.delegates.config;

import dev.manifold.delegates.spec.CniVersion;
import dev.manifold.testkit.fuzz.CniOutcomes;
import dev.manifold.testkit.fuzz.FuzzSettings;
import dev.manifold.testkit.fuzz.NetConfGen;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.statistics.Statistics;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated network configs (a NAD's {@code spec.config}): parsing either gives a list that can
 * be run and written back unchanged, or fails with code 1, 6 or 7 and a short message.
 */
@AddLifecycleHook(FuzzSettings.class)
class NetConfFuzzTest {
    private static final Set<Integer> DOCUMENTED = Set.of(1, 6, 7);

    @Provide
    Arbitrary<byte[]> configs() {
        return NetConfGen.bytes();
    }

    @Property(tries = 6_000)
    void givenGeneratedConfigs_whenParsed_thenRunnableListOrDocumentedCode(@ForAll("configs") byte[] json) {
        Statistics.collect(CniOutcomes.outcome(() -> {
            NetConfList list = NetConfList.parseAny(json);
            CniVersion version = list.cniVersion();
            for (int i = 0; i < list.plugins().size(); i++) {
                NetConf run = list.pluginToRun(i, version);
                assertThat(run.type()).isNotEmpty();
                run.capabilities();
            }
            assertThat(NetConfList.parseAny(list.toBytes())).isEqualTo(list);
        }, DOCUMENTED));
    }
}

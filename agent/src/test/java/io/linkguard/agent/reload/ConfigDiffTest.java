package io.linkguard.agent.reload;

import io.linkguard.agent.config.Config;
import io.linkguard.agent.config.ConfigLoader;
import io.linkguard.agent.config.IcmpProbeConfig;
import io.linkguard.agent.config.TcpProbeConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigDiffTest {
    private static final String BASE = """
            links:
              - name: la-sg
                peer: 10.0.0.2
                probes:
                  - type: icmp
                    interval: 1s
                  - type: tcp
                    port: 443
                  - type: bfd
              - name: la-tokyo
                peer: 10.0.1.2
                probes:
                  - type: icmp
            """;

    private static Config parse(String yaml) throws Exception {
        return ConfigLoader.parse(yaml, "test.yml");
    }

    @Test
    void theSameConfigChangesNothing() throws Exception {
        ConfigDiff d = ConfigDiff.between(parse(BASE), parse(BASE));
        assertThat(d.isEmpty()).isTrue();
        assertThat(d.summary()).isEqualTo("no changes");
    }

    @Test
    void oneChangedProbeRestartsOnlyThatProbe() throws Exception {
        ConfigDiff d = ConfigDiff.between(parse(BASE), parse(BASE.replace("port: 443", "port: 8443")));
        assertThat(d.added()).isEmpty();
        assertThat(d.removed()).isEmpty();
        assertThat(d.changed()).hasSize(1);
        var c = d.changed().get(0);
        assertThat(c.after().name()).isEqualTo("la-sg");
        assertThat(c.supervisorChanged()).isFalse();
        assertThat(c.probesRemoved()).singleElement().isInstanceOf(TcpProbeConfig.class);
        assertThat(c.probesAdded()).singleElement()
                .satisfies(p -> assertThat(((TcpProbeConfig) p).port()).isEqualTo(8443));
    }

    @Test
    void linksAddedAndRemovedByName() throws Exception {
        String next = BASE.replace("la-tokyo", "la-paris");
        ConfigDiff d = ConfigDiff.between(parse(BASE), parse(next));
        assertThat(d.removed()).extracting(l -> l.name()).containsExactly("la-tokyo");
        assertThat(d.added()).extracting(l -> l.name()).containsExactly("la-paris");
        assertThat(d.changed()).isEmpty();
    }

    @Test
    void aNewBindingRestartsEveryProbeOfTheLink() throws Exception {
        String next = BASE.replace("peer: 10.0.0.2", "peer: 10.0.0.2\n    fwmark: 0x64");
        ConfigDiff d = ConfigDiff.between(parse(BASE), parse(next));
        var c = d.changed().get(0);
        assertThat(c.supervisorChanged()).isTrue();
        assertThat(c.probesRemoved()).hasSize(3);
        assertThat(c.probesAdded()).hasSize(3);
    }

    @Test
    void aHealthChangeRestartsTheSupervisorButNoProbe() throws Exception {
        String next = BASE.replace("""
                  - name: la-tokyo
                    peer: 10.0.1.2
                """, """
                  - name: la-tokyo
                    peer: 10.0.1.2
                    health:
                      window: 30s
                """);
        ConfigDiff d = ConfigDiff.between(parse(BASE), parse(next));
        assertThat(d.changed()).singleElement().satisfies(c -> {
            assertThat(c.supervisorChanged()).isTrue();
            assertThat(c.probesAdded()).isEmpty();
            assertThat(c.probesRemoved()).isEmpty();
        });
    }

    @Test
    void reorderingProbesIsNoChangeToThem() throws Exception {
        String next = BASE.replace("""
                      - type: icmp
                        interval: 1s
                      - type: tcp
                        port: 443
                """, """
                      - type: tcp
                        port: 443
                      - type: icmp
                        interval: 1s
                """);
        ConfigDiff d = ConfigDiff.between(parse(BASE), parse(next));
        assertThat(d.changed()).singleElement().satisfies(c -> {
            assertThat(c.probesAdded()).isEmpty();
            assertThat(c.probesRemoved()).isEmpty();
            assertThat(c.supervisorChanged()).isFalse();
        });
    }

    @Test
    void listenAndNodeNeedARestartAndAreReported() throws Exception {
        ConfigDiff d = ConfigDiff.between(parse(BASE), parse("agent:\n  listen: 127.0.0.1:9999\n  node: x\n" + BASE));
        assertThat(d.needsRestart()).hasSize(2);
        assertThat(d.needsRestart().get(0)).contains("agent.listen").contains("9999");
        assertThat(d.isEmpty()).isTrue();
    }

    @Test
    void anIcmpSettingChangeIsAProbeChange() throws Exception {
        ConfigDiff d = ConfigDiff.between(parse(BASE), parse(BASE.replace("interval: 1s", "interval: 500ms")));
        var c = d.changed().get(0);
        assertThat(c.probesRemoved()).singleElement().isInstanceOf(IcmpProbeConfig.class);
        assertThat(c.probesAdded()).singleElement().isInstanceOf(IcmpProbeConfig.class);
    }
}

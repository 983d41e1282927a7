package io.linkguard.agent.it;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** bench/iface-down's reading of `ip -ts monitor link route`, on lines as iproute2 prints them. */
class IfaceDownBenchTest {
    @Test
    void aLinkMessageWithoutTheUpFlagIsTheCut() {
        assertThat(IfaceDownBench.isLinkDown("[2026-12-02T16:01:46.008472] 1525: emu0: <POINTOPOINT,MULTICAST,NOARP>"
                + " mtu 1500 qdisc pfifo_fast state DOWN group default ")).isTrue();
    }

    @Test
    void theInterfaceComingBackUpOrAnotherInterfaceIsNot() {
        assertThat(IfaceDownBench.isLinkDown("[2026-12-02T16:01:48.1] 1525: emu0: <POINTOPOINT,MULTICAST,NOARP,UP,"
                + "LOWER_UP> mtu 1500 qdisc pfifo_fast state UNKNOWN group default ")).isFalse();
        assertThat(IfaceDownBench.isLinkDown("[2026-12-02T16:01:48.1] 7: wan0@if8: <BROADCAST,MULTICAST> mtu 1500"
                + " state DOWN")).isFalse();
        assertThat(IfaceDownBench.isLinkDown("[2026-12-02T16:01:46.009055] Deleted fe80::/64 dev emu0 proto kernel"
                + " metric 256 pref medium")).isFalse();
    }

    @Test
    void onlyAnAddedRouteViaTheProxyIsTheFailover() {
        assertThat(IfaceDownBench.isBackupRoute("[2026-12-02T16:01:46.762124] 10.20.0.0/16 via 198.18.1.2 dev wan0"))
                .isTrue();
        assertThat(IfaceDownBench.isBackupRoute("[2026-12-02T16:01:50.1] Deleted 10.20.0.0/16 via 198.18.1.2 dev wan0"))
                .isFalse();
        assertThat(IfaceDownBench.isBackupRoute("[2026-12-02T16:01:50.1] 10.20.0.0/16 via 198.18.10.2 dev emu0"))
                .isFalse();
    }
}

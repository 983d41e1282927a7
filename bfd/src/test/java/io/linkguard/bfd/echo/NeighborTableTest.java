package io.linkguard.bfd.echo;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NeighborTableTest {
    private static final List<String> ARP = List.of(
            "IP address       HW type     Flags       HW address            Mask     Device",
            "198.18.0.2       0x1         0x2         6a:1b:2c:3d:4e:5f     *        tun0",
            "198.18.0.9       0x1         0x0         00:00:00:00:00:00     *        tun0");

    @Test
    void completeEntryGivesDeviceAndMac() {
        var n = NeighborTable.parse(ARP, "198.18.0.2").orElseThrow();
        assertThat(n.device()).isEqualTo("tun0");
        assertThat(n.mac()).containsExactly(0x6a, 0x1b, 0x2c, 0x3d, 0x4e, 0x5f);
    }

    @Test
    void incompleteOrAbsentEntryGivesNothing() {
        assertThat(NeighborTable.parse(ARP, "198.18.0.9")).isEmpty();
        assertThat(NeighborTable.parse(ARP, "198.18.0.1")).isEmpty();
        assertThat(NeighborTable.parse(List.of(), "198.18.0.1")).isEmpty();
    }
}

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
        var n = NeighborTable.parse(ARP, "198.18.0.2").neighbor().orElseThrow();
        assertThat(n.device()).isEqualTo("tun0");
        assertThat(n.mac()).containsExactly(0x6a, 0x1b, 0x2c, 0x3d, 0x4e, 0x5f);
    }

    @Test
    void incompleteOrAbsentEntryGivesNothing() {
        assertThat(NeighborTable.parse(ARP, "198.18.0.9")).isEqualTo(NeighborTable.Lookup.NONE);
        assertThat(NeighborTable.parse(ARP, "198.18.0.1")).isEqualTo(NeighborTable.Lookup.NONE);
        assertThat(NeighborTable.parse(List.of(), "198.18.0.1")).isEqualTo(NeighborTable.Lookup.NONE);
    }

    /** An echo goes out in an Ethernet frame: a 20-byte (InfiniBand) or 4-byte address is refused, not thrown on. */
    @Test
    void hardwareAddressThatIsNotSixBytesIsRefused() {
        String ib = "a0:00:02:20:fe:80:00:00:00:00:00:00:00:02:c9:03:00:0a:bc:de";
        var l = NeighborTable.parse(List.of(ARP.getFirst(),
                "198.18.0.2       0x20        0x2         " + ib + "     *        ib0"), "198.18.0.2");
        assertThat(l.neighbor()).isEmpty();
        assertThat(l.refused()).contains("ARP entry for 198.18.0.2 on ib0: hardware address of 20 bytes"
                + " (expected: 6, an Ethernet address)");
        var shortMac = NeighborTable.parse(List.of(ARP.getFirst(),
                "198.18.0.2       0x1         0x2         0a:0b:0c:0d     *        gre0"), "198.18.0.2");
        assertThat(shortMac.neighbor()).isEmpty();
        assertThat(shortMac.refused()).isPresent();
    }

    @Test
    void garbageLinesAreRefusedOrSkippedNeverThrown() {
        List<String> garbage = List.of(ARP.getFirst(),
                "198.18.0.2 0x1 zz 6a:1b:2c:3d:4e:5f * tun0",
                "198.18.0.2 0x1 0x2 6a:1b:2c:3d:4e:5 * tun0",
                "198.18.0.2 0x1 0x2 not-a-mac * tun0",
                "198.18.0.2 0x1 0x99999999999 6a:1b:2c:3d:4e:5f * tun0",
                "",
                "   ",
                "198.18.0.2",
                "\u0000\uffff garbage");
        var l = NeighborTable.parse(garbage, "198.18.0.2");
        assertThat(l.neighbor()).isEmpty();
        assertThat(l.refused()).isPresent();
        // A good entry after the garbage is still found.
        List<String> withGood = new java.util.ArrayList<>(garbage);
        withGood.add(ARP.get(1));
        assertThat(NeighborTable.parse(withGood, "198.18.0.2").neighbor()).isPresent();
    }

    @Test
    void aNeighborIsAlwaysSixBytesAndImmutable() {
        byte[] mac = {1, 2, 3, 4, 5, 6};
        var n = new NeighborTable.Neighbor("eth0", mac);
        mac[0] = 9;
        assertThat(n.mac()[0]).isEqualTo((byte) 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new NeighborTable.Neighbor("ib0", new byte[20]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

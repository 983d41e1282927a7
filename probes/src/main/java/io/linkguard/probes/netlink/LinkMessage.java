package io.linkguard.probes.netlink;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * RTM_NEWLINK / RTM_DELLINK (rtnetlink(7)): {@code struct ifinfomsg} with IFLA_IFNAME, IFLA_MTU,
 * IFLA_OPERSTATE, IFLA_ADDRESS and IFLA_STATS64.
 *
 * @param deleted          RTM_DELLINK
 * @param type             ARPHRD_* ({@code <linux/if_arp.h>})
 * @param flags            IFF_* ({@code <linux/if.h>})
 * @param operState        UNKNOWN when the attribute is absent
 * @param mtu              0 when the attribute is absent
 * @param linkLayerAddress empty if none
 */
public record LinkMessage(boolean deleted, int index, int type, int flags, String name, OperState operState, int mtu,
        byte[] linkLayerAddress, Optional<LinkStats64> stats) {
    public static final int IFF_UP = 0x1;
    public static final int IFF_RUNNING = 0x40;
    public static final int IFF_LOWER_UP = 0x10000;
    public static final int ARPHRD_ETHER = 1;
    public static final int ARPHRD_PPP = 512;
    public static final int ARPHRD_LOOPBACK = 772;
    public static final int ARPHRD_IPGRE = 778;
    public static final int ARPHRD_NONE = 65534;

    public LinkMessage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(operState, "operState");
        linkLayerAddress = linkLayerAddress == null ? new byte[0] : linkLayerAddress.clone();
        Objects.requireNonNull(stats, "stats");
    }

    @Override
    public byte[] linkLayerAddress() {
        return linkLayerAddress.clone();
    }

    /** IFF_UP: the administrator set it up. */
    public boolean adminUp() {
        return (flags & IFF_UP) != 0;
    }

    /**
     * Up and carrying traffic: IFF_UP and IFF_RUNNING, and an operstate that is not DOWN,
     * LOWERLAYERDOWN, NOTPRESENT or DORMANT. UNKNOWN counts as up: tun and loopback report it.
     */
    public boolean operationallyUp() {
        return adminUp() && (flags & IFF_RUNNING) != 0 && switch (operState) {
            case DOWN, LOWERLAYERDOWN, NOTPRESENT, DORMANT -> false;
            case UNKNOWN, TESTING, UP -> true;
        };
    }

    /** ARPHRD_ETHER: the next hop has a MAC address (BFD echo needs one); false for tun, GRE, PPP, loopback. */
    public boolean hasEthernetNextHop() {
        return type == ARPHRD_ETHER;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinkMessage m && deleted == m.deleted && index == m.index && type == m.type
                && flags == m.flags && mtu == m.mtu && name.equals(m.name) && operState == m.operState
                && Arrays.equals(linkLayerAddress, m.linkLayerAddress) && stats.equals(m.stats);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deleted, index, type, flags, name, operState, mtu, Arrays.hashCode(linkLayerAddress), stats);
    }

    @Override
    public String toString() {
        return "LinkMessage[" + (deleted ? "deleted " : "") + name + " index=" + index + " type=" + type
                + " flags=0x" + Integer.toHexString(flags) + " oper=" + operState + " mtu=" + mtu
                + " lladdr=" + HexFormat.ofDelimiter(":").formatHex(linkLayerAddress) + " stats=" + stats + "]";
    }
}

package io.linkguard.probes.netlink;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * RTM_NEWNEIGH / RTM_DELNEIGH (rtnetlink(7)): {@code struct ndmsg} with NDA_DST and NDA_LLADDR.
 *
 * @param linkLayerAddress empty if none
 * @param state            NUD_* ({@code <linux/neighbour.h>})
 */
public record NeighborMessage(boolean deleted, int family, int index, InetAddress address, byte[] linkLayerAddress,
        int state) {
    public static final int NUD_NONE = 0x00;
    public static final int NUD_INCOMPLETE = 0x01;
    public static final int NUD_REACHABLE = 0x02;
    public static final int NUD_STALE = 0x04;
    public static final int NUD_FAILED = 0x20;
    public static final int NUD_NOARP = 0x40;
    public static final int NUD_PERMANENT = 0x80;

    public NeighborMessage {
        Objects.requireNonNull(address, "address");
        linkLayerAddress = linkLayerAddress == null ? new byte[0] : linkLayerAddress.clone();
    }

    @Override
    public byte[] linkLayerAddress() {
        return linkLayerAddress.clone();
    }

    /** Has a link-layer address and a state that is not NUD_INCOMPLETE, NUD_FAILED or NUD_NONE. */
    public boolean reachable() {
        return linkLayerAddress.length > 0 && state != NUD_NONE && (state & (NUD_INCOMPLETE | NUD_FAILED)) == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NeighborMessage m && deleted == m.deleted && family == m.family && index == m.index
                && state == m.state && address.equals(m.address) && Arrays.equals(linkLayerAddress, m.linkLayerAddress);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deleted, family, index, address, Arrays.hashCode(linkLayerAddress), state);
    }

    @Override
    public String toString() {
        return "NeighborMessage[" + (deleted ? "deleted " : "") + address.getHostAddress() + " index=" + index
                + " lladdr=" + HexFormat.ofDelimiter(":").formatHex(linkLayerAddress) + " state=0x"
                + Integer.toHexString(state) + "]";
    }
}

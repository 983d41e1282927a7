package io.linkguard.bfd.echo;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The kernel's IPv4 neighbour (ARP) table, from /proc/net/arp: where to send
 * an echo so it reaches the peer's forwarding plane. A BFD session that is Up
 * has exchanged packets with the peer, so its entry is there.
 *
 * <p>Parsing never throws: the echo goes out in an Ethernet frame, so an entry
 * whose hardware address is not 6 bytes (InfiniBand's are 20, a tunnel's 0) or
 * that cannot be parsed at all is refused, and {@link Lookup#refused()} says why
 * so the caller can count it and log it once.
 */
public final class NeighborTable {
    /** Octets in an Ethernet (EUI-48) address, the only kind an echo frame can carry. */
    public static final int MAC_BYTES = 6;

    /** A resolved next hop; {@code mac} is always {@link #MAC_BYTES} long. */
    public record Neighbor(String device, byte[] mac) {
        public Neighbor {
            if (mac.length != MAC_BYTES) {
                throw new IllegalArgumentException("hardware address of " + mac.length + " bytes (expected: "
                        + MAC_BYTES + ")");
            }
            mac = mac.clone();
        }

        @Override
        public byte[] mac() {
            return mac.clone();
        }
    }

    /**
     * What the table says about one address.
     *
     * @param neighbor the usable entry, if any
     * @param refused  why an entry for the address was found but not used, if that happened
     */
    public record Lookup(Optional<Neighbor> neighbor, Optional<String> refused) {
        static final Lookup NONE = new Lookup(Optional.empty(), Optional.empty());

        static Lookup refused(String why) {
            return new Lookup(Optional.empty(), Optional.of(why));
        }
    }

    private static final int ATF_COM = 0x2;
    private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":");

    private NeighborTable() {
    }

    public static Lookup lookup(InetAddress peer) {
        try {
            return parse(Files.readAllLines(Path.of("/proc/net/arp")), peer.getHostAddress());
        } catch (IOException e) {
            return Lookup.NONE;
        }
    }

    /**
     * Pure: "IP address  HW type  Flags  HW address  Mask  Device" lines, header first. Lines that
     * do not name {@code ip} are skipped whatever they hold; the first complete entry for it that
     * parses wins. Never throws for any content.
     */
    static Lookup parse(List<String> lines, String ip) {
        Lookup result = Lookup.NONE;
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 6 || !f[0].equals(ip)) {
                continue;
            }
            int flags;
            try {
                flags = Integer.decode(f[2]);
            } catch (NumberFormatException e) {
                result = Lookup.refused("ARP entry for " + ip + ": flags '" + f[2] + "' (expected: a number like 0x2)");
                continue;
            }
            if ((flags & ATF_COM) == 0 || f[3].equals("00:00:00:00:00:00")) {
                continue; // incomplete: not resolved yet
            }
            byte[] mac;
            try {
                mac = COLON_HEX.parseHex(f[3]);
            } catch (IllegalArgumentException e) {
                result = Lookup.refused("ARP entry for " + ip + ": hardware address '" + f[3]
                        + "' (expected: 6 colon-separated hex octets)");
                continue;
            }
            if (mac.length != MAC_BYTES) {
                result = Lookup.refused("ARP entry for " + ip + " on " + f[5] + ": hardware address of " + mac.length
                        + " bytes (expected: " + MAC_BYTES + ", an Ethernet address)");
                continue;
            }
            return new Lookup(Optional.of(new Neighbor(f[5], mac)), Optional.empty());
        }
        return result;
    }
}

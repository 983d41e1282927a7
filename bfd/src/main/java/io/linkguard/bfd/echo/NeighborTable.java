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
 */
public final class NeighborTable {
    /** A resolved next hop. */
    public record Neighbor(String device, byte[] mac) {
    }

    private static final int ATF_COM = 0x2;

    private NeighborTable() {
    }

    public static Optional<Neighbor> lookup(InetAddress peer) {
        try {
            return parse(Files.readAllLines(Path.of("/proc/net/arp")), peer.getHostAddress());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Pure: "IP address  HW type  Flags  HW address  Mask  Device" lines, header first. */
    static Optional<Neighbor> parse(List<String> lines, String ip) {
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 6 || !f[0].equals(ip)) {
                continue;
            }
            int flags = Integer.decode(f[2]);
            if ((flags & ATF_COM) == 0 || f[3].equals("00:00:00:00:00:00")) {
                continue;
            }
            return Optional.of(new Neighbor(f[5], HexFormat.ofDelimiter(":").parseHex(f[3])));
        }
        return Optional.empty();
    }
}

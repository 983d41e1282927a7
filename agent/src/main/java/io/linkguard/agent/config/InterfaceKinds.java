package io.linkguard.agent.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What kind of link layer an existing interface has (its ARPHRD_* type, {@code /sys/class/net/NAME/type},
 * the same number rtnetlink's ifinfomsg carries), for the rules a config can only be checked against on
 * the machine that runs it. An interface that does not exist yet says nothing: it may be created later.
 */
final class InterfaceKinds {
    static final int ARPHRD_ETHER = 1;

    private InterfaceKinds() {
    }

    /** The interface's ARPHRD type; empty if it does not exist or cannot be read. The name is a valid one. */
    static OptionalInt type(String name) {
        try {
            String t = Files.readString(Path.of("/sys/class/net", name, "type")).strip();
            return OptionalInt.of(Integer.parseInt(t));
        } catch (IOException | NumberFormatException | SecurityException e) {
            return OptionalInt.empty();
        }
    }

    /** Why an interface of this type has no Ethernet next hop, in words; empty for Ethernet. */
    static Optional<String> notEthernet(String name, int type) {
        String kind = switch (type) {
            case ARPHRD_ETHER -> null;
            case 65534 -> "point-to-point (no link-layer address: a TUN device or a tunnel)";
            case 778 -> "a GRE tunnel (point-to-point, no link-layer address)";
            case 776 -> "an IPv6-in-IPv4 tunnel (point-to-point)";
            case 768 -> "an IPIP tunnel (point-to-point)";
            case 512 -> "PPP (point-to-point)";
            case 772 -> "the loopback interface";
            default -> "not Ethernet (ARPHRD type " + type + ")";
        };
        return kind == null ? Optional.empty() : Optional.of(name + " is " + kind);
    }
}

package io.linkguard.probes.netlink;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * What to install: a unicast route in {@code table} for destination/length via a gateway and/or an
 * output interface.
 *
 * @param family   AF_INET (2) or AF_INET6 (10)
 * @param table    RT_TABLE_MAIN (254) unless policy routing uses another
 * @param outIndex 0: none
 */
public record RouteRequest(int family, int table, InetAddress destination, int destinationLength,
        Optional<InetAddress> gateway, int outIndex) {
    public static final int RT_TABLE_MAIN = 254;

    public RouteRequest {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(gateway, "gateway");
        if (family != Rtnetlink.AF_INET && family != Rtnetlink.AF_INET6) {
            throw new IllegalArgumentException("family " + family + " (expected: AF_INET 2 or AF_INET6 10)");
        }
        int bits = family == Rtnetlink.AF_INET ? 32 : 128;
        if (destinationLength < 0 || destinationLength > bits) {
            throw new IllegalArgumentException("prefix length " + destinationLength + " (expected: 0.." + bits + ")");
        }
        if ((destination instanceof Inet4Address) != (family == Rtnetlink.AF_INET)
                || gateway.filter(g -> (g instanceof Inet4Address) != (family == Rtnetlink.AF_INET)).isPresent()) {
            throw new IllegalArgumentException("address family does not match family " + family);
        }
        if (gateway.isEmpty() && outIndex == 0) {
            throw new IllegalArgumentException("a route needs a gateway or an output interface");
        }
    }

    /** A route in the main table. */
    public static RouteRequest main(InetAddress destination, int length, Optional<InetAddress> gateway, int outIndex) {
        int family = destination instanceof Inet4Address ? Rtnetlink.AF_INET : Rtnetlink.AF_INET6;
        return new RouteRequest(family, RT_TABLE_MAIN, destination, length, gateway, outIndex);
    }
}

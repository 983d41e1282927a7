package io.linkguard.probes.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** The option values of ICMP_FILTER (IPv4) and ICMP6_FILTER (IPv6) that pass only the given types. */
final class IcmpFilters {
    private IcmpFilters() {
    }

    static MemorySegment filter(LinuxSocket.Family family, int[] passTypes, Arena arena) {
        if (family == LinuxSocket.Family.INET) {
            // Linux ICMP_FILTER: a set bit drops that type (types 0..31 only).
            int mask = ~0;
            for (int t : passTypes) {
                mask &= ~(1 << t);
            }
            MemorySegment v = arena.allocate(ValueLayout.JAVA_INT);
            v.set(ValueLayout.JAVA_INT, 0, mask);
            return v;
        }
        // struct icmp6_filter: 256 bits; a set bit blocks that type (RFC 3542 §3.2, Linux semantics).
        MemorySegment v = arena.allocate(32);
        v.fill((byte) 0xff);
        for (int t : passTypes) {
            int word = t >>> 5;
            int old = v.get(ValueLayout.JAVA_INT, word * 4L);
            v.set(ValueLayout.JAVA_INT, word * 4L, old & ~(1 << (t & 31)));
        }
        return v;
    }
}

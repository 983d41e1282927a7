package io.linkguard.probes.icmp;

import java.util.BitSet;
import java.util.random.RandomGenerator;

/**
 * The ICMP echo identifiers this process uses outside the {@link IcmpEngine}'s
 * shared sockets (the path-MTU probes, on raw sockets of their own). Every raw
 * ICMP socket on the host receives a copy of every echo reply (raw(7)), so the
 * engine's sockets see the path-MTU replies too: knowing the identifiers lets
 * them skip those silently instead of counting them as another pinger's
 * ({@link IcmpDropReason#FOREIGN_IDENTIFIER}), and lets both sides avoid
 * picking an identifier the other holds.
 */
public final class EchoIdentifiers {
    private static final BitSet HELD = new BitSet(1 << 16);

    private EchoIdentifiers() {
    }

    /** Takes a random identifier no user in this process holds; release it when done. */
    public static synchronized int reserve(RandomGenerator random) {
        int start = random.nextInt(1 << 16);
        for (int i = 0; i < (1 << 16); i++) {
            int id = (start + i) & 0xffff;
            if (!HELD.get(id) && !IcmpEngine.claimedByAnyEngine(id)) {
                HELD.set(id);
                return id;
            }
        }
        throw new IllegalStateException("all 65536 ICMP identifiers are in use");
    }

    public static synchronized void release(int id) {
        HELD.clear(id & 0xffff);
    }

    /** True if a non-engine user in this process holds {@code id}. */
    static synchronized boolean held(int id) {
        return HELD.get(id & 0xffff);
    }
}

package io.linkguard.probes.pmtu;

import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The probe sizes of one search that got no reply: how many tries each lost (PROBE_COUNT, RFC
 * 8899 §5.1.3), whether any ICMP message answered one of them, and whether the failure is
 * definite: MAX_PROBES tries lost, or a validated PTB (or the local stack) refused the size.
 * A failure that is not yet definite is a suspicion: the search may go on below it and come back
 * to it only if it ends up bounding the answer.
 */
final class FailedSizes {
    private static final class Failure {
        int tries;
        boolean signalled;
        boolean definite;
    }

    private final int maxProbes;
    private final TreeMap<Integer, Failure> bySize = new TreeMap<>();

    FailedSizes(int maxProbes) {
        this.maxProbes = maxProbes;
    }

    /** One try of {@code size} went unanswered ({@code signalled}: answered by an ICMP error, not a reply). */
    void lostTry(int size, boolean signalled) {
        Failure f = bySize.computeIfAbsent(size, s -> new Failure());
        f.tries++;
        f.signalled |= signalled;
        f.definite |= f.tries >= maxProbes;
    }

    /** A validated PTB or the local stack said the size cannot pass: no need to try it again. */
    void failNow(int size) {
        Failure f = bySize.computeIfAbsent(size, s -> new Failure());
        f.signalled = true;
        f.definite = true;
    }

    /**
     * A reply confirmed {@code size}: every failure at or below it was loss, not size (§5.3.3).
     * Returns whether there was any, i.e. whether the path just showed that it loses packets.
     */
    boolean confirmed(int size) {
        var lost = bySize.headMap(size, true);
        boolean any = !lost.isEmpty();
        lost.clear();
        return any;
    }

    boolean isDefinite(int size) {
        Failure f = bySize.get(size);
        return f != null && f.definite;
    }

    int tries(int size) {
        Failure f = bySize.get(size);
        return f == null ? 0 : f.tries;
    }

    boolean isEmpty() {
        return bySize.isEmpty();
    }

    /** The smallest size with any failure, definite or suspected. */
    OptionalInt smallest() {
        return bySize.isEmpty() ? OptionalInt.empty() : OptionalInt.of(bySize.firstKey());
    }

    /** The smallest size whose failure is definite. */
    OptionalInt smallestDefinite() {
        for (Map.Entry<Integer, Failure> e : bySize.entrySet()) {
            if (e.getValue().definite) {
                return OptionalInt.of(e.getKey());
            }
        }
        return OptionalInt.empty();
    }

    /** The smallest size that failed definitely with no ICMP message at all: where a black hole starts (§4.4). */
    OptionalInt smallestVanished() {
        for (Map.Entry<Integer, Failure> e : bySize.entrySet()) {
            if (e.getValue().definite && !e.getValue().signalled) {
                return OptionalInt.of(e.getKey());
            }
        }
        return OptionalInt.empty();
    }
}

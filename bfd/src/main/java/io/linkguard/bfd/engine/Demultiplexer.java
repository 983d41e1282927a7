package io.linkguard.bfd.engine;

import io.linkguard.bfd.BfdDropReason;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the session a received control packet belongs to (RFC 5880 §6.3).
 * Pure bookkeeping, owned by the engine thread.
 *
 * <p>RFC 5880 §6.3: "If the Your Discriminator field is nonzero, it MUST be
 * used to select the session with which this BFD packet is associated. If no
 * session is found, the packet MUST be discarded." We also require the packet
 * to come from the session's peer, over the same kind of path, so a spoofed
 * discriminator from elsewhere cannot drive a session.
 *
 * <p>"If the Your Discriminator field is zero, the session MUST be selected
 * based on some combination of other fields": for single hop (RFC 5881 §3)
 * source address and interface, for multihop (RFC 5883 §4) source and
 * destination address.
 */
final class Demultiplexer<S> {
    /** How a session is found. {@code local} null and {@code ifindex} 0 mean "any". */
    record Binding(long localDiscriminator, InetAddress peer, InetAddress local, int ifindex, boolean multihop) {
    }

    /** Either a session or the reason none matched. */
    record Match<S>(S session, BfdDropReason drop) {
    }

    private record PeerKey(InetAddress peer, boolean multihop) {
    }

    private final Map<Long, S> byDiscriminator = new HashMap<>();
    private final Map<Long, Binding> bindings = new HashMap<>();
    private final Map<PeerKey, List<Long>> byPeer = new HashMap<>();

    void add(Binding b, S session) {
        if (byDiscriminator.putIfAbsent(b.localDiscriminator(), session) != null) {
            throw new IllegalStateException("discriminator in use: " + b.localDiscriminator());
        }
        bindings.put(b.localDiscriminator(), b);
        byPeer.computeIfAbsent(new PeerKey(b.peer(), b.multihop()), k -> new ArrayList<>()).add(b.localDiscriminator());
    }

    void remove(long localDiscriminator) {
        byDiscriminator.remove(localDiscriminator);
        Binding b = bindings.remove(localDiscriminator);
        if (b != null) {
            unclaimPeer(b, localDiscriminator);
        }
    }

    /**
     * A session being removed keeps its discriminator (packets naming it still reach it, and it
     * discards them in AdminDown) but no longer claims its peer's Your Discriminator = 0 packets:
     * a session re-added to the same peer takes those at once.
     */
    void retire(long localDiscriminator) {
        Binding b = bindings.get(localDiscriminator);
        if (b != null) {
            unclaimPeer(b, localDiscriminator);
        }
    }

    /** The session no longer takes its peer's Your Discriminator = 0 packets (RFC 5880 §6.3). */
    private void unclaimPeer(Binding b, long localDiscriminator) {
        PeerKey key = new PeerKey(b.peer(), b.multihop());
        List<Long> l = byPeer.get(key);
        if (l != null) {
            l.remove(Long.valueOf(localDiscriminator));
            if (l.isEmpty()) {
                byPeer.remove(key);
            }
        }
    }

    S session(long localDiscriminator) {
        return byDiscriminator.get(localDiscriminator);
    }

    boolean inUse(long localDiscriminator) {
        return byDiscriminator.containsKey(localDiscriminator);
    }

    /** RFC 5880 §6.8.1: "bfd.LocalDiscr ... MUST be unique across all BFD sessions on this system, and nonzero." */
    long newDiscriminator(java.util.random.RandomGenerator random) {
        long d;
        do {
            d = 1 + (random.nextLong() & 0xFFFF_FFFFL) % 0xFFFF_FFFFL;
        } while (inUse(d));
        return d;
    }

    Match<S> find(long yourDiscriminator, InetAddress source, InetAddress destination, int ifindex,
                  boolean multihop) {
        if (yourDiscriminator != 0) {
            S s = byDiscriminator.get(yourDiscriminator);
            if (s == null) {
                return new Match<>(null, BfdDropReason.UNKNOWN_DISCRIMINATOR);
            }
            Binding b = bindings.get(yourDiscriminator);
            return matches(b, source, destination, ifindex, multihop)
                    ? new Match<>(s, null) : new Match<>(null, BfdDropReason.SOURCE_MISMATCH);
        }
        List<Long> candidates = byPeer.get(new PeerKey(source, multihop));
        if (candidates != null) {
            for (Long d : candidates) {
                if (matches(bindings.get(d), source, destination, ifindex, multihop)) {
                    return new Match<>(byDiscriminator.get(d), null);
                }
            }
        }
        return new Match<>(null, BfdDropReason.NO_SESSION_FOR_SOURCE);
    }

    private static boolean matches(Binding b, InetAddress source, InetAddress destination, int ifindex,
                                   boolean multihop) {
        return b.multihop() == multihop
                && b.peer().equals(source)
                && (b.local() == null || destination == null || b.local().equals(destination))
                && (b.ifindex() == 0 || b.ifindex() == ifindex);
    }
}

package io.linkguard.probes.pmtu;

import java.net.InetAddress;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * A path for the pure search: a local interface MTU, a bottleneck further on, and what the
 * router at the bottleneck says (a PTB with the right MTU, a bogus one, nothing), plus loss.
 * {@link #run} drives a {@link PmtuSearch} to its end the way {@link PmtuProber} does.
 */
final class SimulatedPath {
    /** What the router at the bottleneck sends back for a packet that does not fit. */
    enum Router { PTB, NO_PTB, PTB_WITHOUT_MTU, PTB_MTU_TOO_BIG, PTB_MTU_TOO_SMALL }

    static final InetAddress PEER = InetAddress.ofLiteral("198.18.0.2");

    int interfaceMtu = 1500;
    int bottleneck = 1400;
    Router router = Router.PTB;
    /** Which tries are lost on the way, by (size, try number from 1 for that size). */
    LossRule loss = (size, attempt) -> false;
    /** Every probe sent, for assertions on the order of sizes. */
    final java.util.List<Integer> sent = new java.util.ArrayList<>();
    private final java.util.Map<Integer, Integer> attempts = new java.util.HashMap<>();

    interface LossRule {
        boolean lost(int size, int attempt);
    }

    /** The answer to one probe of {@code size} that left the host. */
    sealed interface Answer permits Reply, TooBig, Lost {
    }

    record Reply() implements Answer {
    }

    record TooBig(int mtu) implements Answer {
    }

    record Lost() implements Answer {
    }

    Answer deliver(int size) {
        int attempt = attempts.merge(size, 1, Integer::sum);
        if (loss.lost(size, attempt)) {
            return new Lost();
        }
        if (size <= bottleneck) {
            return new Reply();
        }
        return switch (router) {
            case PTB -> new TooBig(bottleneck);
            case NO_PTB -> new Lost();
            case PTB_WITHOUT_MTU -> new TooBig(0);
            case PTB_MTU_TOO_BIG -> new TooBig(size);
            case PTB_MTU_TOO_SMALL -> new TooBig(40);
        };
    }

    /** Runs the search to its end; fails the test if it does not end within 10,000 steps. */
    PmtuResult run(PmtuSearch search) {
        for (int step = 0; step < 10_000; step++) {
            OptionalInt next = search.next();
            if (next.isEmpty()) {
                return search.result(PEER, Duration.ZERO);
            }
            int size = next.getAsInt();
            if (size > interfaceMtu) {
                search.onLocalTooBig(size, interfaceMtu);
                continue;
            }
            search.onSent(size);
            sent.add(size);
            switch (deliver(size)) {
                case Reply r -> search.onConfirmed(size);
                case TooBig t -> search.onPtb(size, t.mtu());
                case Lost l -> search.onTimeout(size);
            }
        }
        throw new AssertionError("search did not end in 10000 steps");
    }

    static PmtuSearch v4(int cap) {
        return new PmtuSearch(68, 1200, PmtuSettings.MAX_MTU, 3, cap);
    }
}

package io.linkguard.bfd.engine;

/**
 * Told of every session state change. Called on the BFD engine thread: must
 * be quick and must not block (update a metric, enqueue); a slow listener
 * delays every session's packets.
 */
@FunctionalInterface
public interface BfdEventListener {
    void onStateChange(BfdStateChange change);

    /** An echo packet came back after {@code rttNanos} (kernel receive stamp minus send stamp). */
    default void onEchoRtt(String name, java.net.InetAddress peer, long rttNanos) {
    }

    BfdEventListener NONE = c -> {
    };
}

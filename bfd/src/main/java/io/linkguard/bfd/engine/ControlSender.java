package io.linkguard.bfd.engine;

import java.nio.ByteBuffer;

/**
 * Where a session's Control packets go: its {@link TxSocket} at run time, a
 * recorder in tests. Never throws for a network failure: the outcome says what
 * happened and the session counts it (a dead link is detected by the Detection
 * Time, not by an exception on the engine thread).
 */
interface ControlSender extends AutoCloseable {
    /** What became of one packet. */
    enum Outcome {
        SENT,
        /** The socket buffer was full (EAGAIN/ENOBUFS). */
        BUFFER_FULL,
        /**
         * ECONNREFUSED: the connected socket reports an ICMP port-unreachable for an earlier
         * packet on this send (the peer runs no BFD now). Counted, never fatal.
         */
        REFUSED,
        /** Any other error: no route, interface down, ... */
        FAILED
    }

    Outcome send(ByteBuffer packet);

    @Override
    void close();
}

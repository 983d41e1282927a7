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
        /**
         * Sent, on a second try: the first reported ECONNREFUSED, an ICMP port-unreachable for an
         * earlier packet (maybe spoofed) that a connected socket hands to the next send, which
         * then does not go out. Counted as a refusal, not as a failure.
         */
        SENT_AFTER_REFUSAL,
        /** The socket buffer was full (EAGAIN/ENOBUFS). */
        BUFFER_FULL,
        /**
         * ECONNREFUSED twice: the connected socket reported an ICMP port-unreachable for an earlier
         * packet on this send and again on its retry; not sent. Counted, never fatal.
         */
        REFUSED,
        /** Any other error: no route, interface down, ... */
        FAILED
    }

    Outcome send(ByteBuffer packet);

    @Override
    void close();
}

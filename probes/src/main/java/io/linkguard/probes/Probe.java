package io.linkguard.probes;

import io.linkguard.probes.net.NativeSocketException;

/**
 * One probe kind against one target, running as a continuous stream (in the
 * style of smokeping_prober): started once, it probes at its interval and
 * reports every result to its listener until closed.
 */
public interface Probe extends AutoCloseable {
    ProbeKind kind();

    String link();

    /** What is probed, as it appears in the {@code target} label. */
    String target();

    /** Opens sockets and starts the stream. Throws only for set-up errors an operator must fix. */
    void start() throws NativeSocketException;

    /** Loss, jitter and counts so far. */
    ProbeStats.Snapshot stats();

    @Override
    void close();
}

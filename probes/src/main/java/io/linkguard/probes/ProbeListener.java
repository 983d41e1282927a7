package io.linkguard.probes;

/**
 * Receives every probe result. Called on probe threads: implementations
 * must be quick and thread-safe (update a counter, enqueue), never block.
 */
@FunctionalInterface
public interface ProbeListener {
    void onResult(ProbeResult result);

    static ProbeListener both(ProbeListener a, ProbeListener b) {
        return r -> {
            a.onResult(r);
            b.onResult(r);
        };
    }
}

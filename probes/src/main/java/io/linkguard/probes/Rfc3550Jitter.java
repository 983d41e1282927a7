package io.linkguard.probes;

/**
 * Interarrival jitter as RFC 3550 §6.4.1 defines it, applied to round-trip
 * times: J(i) = J(i-1) + (|D(i-1,i)| - J(i-1)) / 16, where D is the
 * difference between consecutive RTTs. The gain of 1/16 is the RFC's: it
 * gives a good noise reduction ratio while converging reasonably fast.
 */
public final class Rfc3550Jitter {
    private long previousRttNanos = -1;
    private double jitterNanos;

    public void add(long rttNanos) {
        if (previousRttNanos >= 0) {
            long d = Math.abs(rttNanos - previousRttNanos);
            jitterNanos += (d - jitterNanos) / 16.0;
        }
        previousRttNanos = rttNanos;
    }

    public double jitterSeconds() {
        return jitterNanos / 1e9;
    }
}

package io.linkguard.probes;

/**
 * The immutable result of one probe. A probe never throws for a network
 * failure: it reports one of these with an outcome and a reason.
 *
 * @param link           the link this probe watches
 * @param kind           probe kind
 * @param target         e.g. "10.255.0.2" or "10.255.0.2:443"
 * @param sequence       the probe's sequence number
 * @param outcome        what became of it
 * @param reason         why it failed; NONE on success
 * @param rttNanos       round-trip time for SUCCESS/LATE/DUPLICATE, else -1
 * @param sentEpochNanos when it was sent, CLOCK_REALTIME nanoseconds
 */
public record ProbeResult(String link, ProbeKind kind, String target, long sequence, Outcome outcome,
                          FailureReason reason, long rttNanos, long sentEpochNanos) {

    public double rttSeconds() {
        return rttNanos < 0 ? Double.NaN : rttNanos / 1e9;
    }
}

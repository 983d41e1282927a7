package io.linkguard.probes;

/**
 * Running figures for one probe stream: counts, loss over a sliding window,
 * and RFC 3550 jitter. Fed by results; read by the exporter and, later, link
 * health. Thread-safe.
 */
public final class ProbeStats {
    /** An immutable copy of the figures. */
    public record Snapshot(long sent, long received, long lost, long late, long duplicates,
                           double windowLossRatio, int windowSize, double jitterSeconds, long lastRttNanos) {
    }

    private final LossWindow window;
    private final Rfc3550Jitter jitter = new Rfc3550Jitter();
    private long sent;
    private long received;
    private long lost;
    private long late;
    private long duplicates;
    private long lastRttNanos = -1;

    public ProbeStats(int windowSize) {
        this.window = new LossWindow(windowSize);
    }

    public synchronized void onSent() {
        sent++;
    }

    public synchronized void record(ProbeResult r) {
        switch (r.outcome()) {
            case SUCCESS -> {
                received++;
                window.record(false);
                jitter.add(r.rttNanos());
                lastRttNanos = r.rttNanos();
            }
            case TIMEOUT, FAILED -> {
                lost++;
                window.record(true);
            }
            case LATE -> late++;
            case DUPLICATE -> duplicates++;
        }
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(sent, received, lost, late, duplicates, window.lossRatio(), window.size(),
                jitter.jitterSeconds(), lastRttNanos);
    }
}

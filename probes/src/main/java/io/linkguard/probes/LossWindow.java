package io.linkguard.probes;

/**
 * Loss over the last {@code capacity} completed probes: a ring of
 * lost/received bits. Not thread-safe; {@link ProbeStats} guards it.
 */
public final class LossWindow {
    private final boolean[] lost;
    private int next;
    private int filled;
    private int lostCount;

    public LossWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("window capacity " + capacity + " (expected: >= 1)");
        }
        this.lost = new boolean[capacity];
    }

    public void record(boolean wasLost) {
        if (filled == lost.length) {
            if (lost[next]) {
                lostCount--;
            }
        } else {
            filled++;
        }
        lost[next] = wasLost;
        if (wasLost) {
            lostCount++;
        }
        next = (next + 1) % lost.length;
    }

    /** Lost / completed over the window; NaN before the first completed probe. */
    public double lossRatio() {
        return filled == 0 ? Double.NaN : (double) lostCount / filled;
    }

    public int size() {
        return filled;
    }

    public int capacity() {
        return lost.length;
    }
}

package io.linkguard.agent.health;

import io.linkguard.probes.Outcome;
import io.linkguard.probes.ProbeResult;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The ICMP results of one link over a sliding window of time: loss, median RTT and jitter.
 *
 * <p>A window of time, not of a count of probes: a threshold such as "5% over 10 s" then means the
 * same whatever the probe interval, and a result stops counting once it is older than the window even
 * when probes stop arriving.
 *
 * <p>Not thread-safe: {@link LinkHealth} owns it.
 */
final class ProbeWindow {

    /** Bounds memory whatever the probe rate: 10 ms probes over a 10 min window stay below it. */
    static final int MAX_SAMPLES = 100_000;

    private record Sample(long atNanos, boolean lost, long rttNanos, String target) {
    }

    /**
     * The figures of the window.
     *
     * @param samples        completed probes in the window (successes and losses)
     * @param successes      of which answered in time
     * @param lossRatio      lost / samples; NaN when empty
     * @param medianRttNanos median RTT of the successes; -1 when there are none
     * @param jitterNanos    mean |D| of consecutive RTTs to one target (see {@link #stats}); NaN with fewer than two
     */
    record Stats(int samples, int successes, double lossRatio, long medianRttNanos, double jitterNanos) {
    }

    private final long windowNanos;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    ProbeWindow(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    /** Adds a completed probe (SUCCESS, TIMEOUT, FAILED); LATE and DUPLICATE are already counted. */
    void add(ProbeResult result, long nowNanos) {
        if (!result.outcome().completesProbe()) {
            return;
        }
        slide(nowNanos);
        if (samples.size() == MAX_SAMPLES) {
            samples.removeFirst();
        }
        boolean lost = result.outcome() != Outcome.SUCCESS;
        samples.addLast(new Sample(nowNanos, lost, lost ? -1 : result.rttNanos(), result.target()));
    }

    /**
     * Drops results older than the window and computes its figures.
     *
     * <p>RTT is the median, not the mean: one reply that took 2 s inside a 3 s timeout would drag a mean
     * over a 250 ms threshold on its own, while the median moves only when most replies are slow, which is
     * what a user of the tunnel feels.
     *
     * <p>Jitter is RFC 3550 §6.4.1's D, the difference between consecutive RTTs (of one target, losses
     * skipped), averaged over the window. RFC 3550 smooths |D| with a gain of 1/16; restarted over a
     * window of 10 samples that estimator reaches only about half of its steady value, and its memory
     * reaches beyond the window. The plain mean is what the estimator converges to (E[J] = E[|D|]), and
     * it slides out with the window like loss and RTT do.
     */
    Stats stats(long nowNanos) {
        slide(nowNanos);
        int lost = 0;
        long[] rtts = new long[samples.size()];
        int successes = 0;
        Map<String, Long> previousRtt = new HashMap<>();
        double sumOfDifferences = 0;
        int differences = 0;
        for (Sample sample : samples) {
            if (sample.lost()) {
                lost++;
                continue;
            }
            rtts[successes++] = sample.rttNanos();
            Long previous = previousRtt.put(sample.target(), sample.rttNanos());
            if (previous != null) {
                sumOfDifferences += Math.abs(sample.rttNanos() - previous);
                differences++;
            }
        }
        int count = samples.size();
        double loss = count == 0 ? Double.NaN : (double) lost / count;
        double jitter = differences == 0 ? Double.NaN : sumOfDifferences / differences;
        return new Stats(count, successes, loss, median(rtts, successes), jitter);
    }

    private static long median(long[] values, int count) {
        if (count == 0) {
            return -1;
        }
        Arrays.sort(values, 0, count);
        int middle = count / 2;
        return count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /** Forgets every result: what was measured before the interface went away says nothing of it now. */
    void clear() {
        samples.clear();
    }

    /** A result exactly one window old has slid out. */
    private void slide(long nowNanos) {
        while (!samples.isEmpty() && nowNanos - samples.peekFirst().atNanos() >= windowNanos) {
            samples.removeFirst();
        }
    }
}

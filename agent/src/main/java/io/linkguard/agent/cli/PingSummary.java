package io.linkguard.agent.cli;

import io.linkguard.probes.Outcome;
import io.linkguard.probes.ProbeResult;

import java.util.ArrayList;
import java.util.List;

/**
 * The figures ping(8) prints at the end, computed the way iputils does:
 * mdev is the standard deviation sqrt(mean(rtt^2) - mean(rtt)^2).
 */
final class PingSummary {
    private final List<ProbeResult> results = new ArrayList<>();
    private long transmitted;
    private long received;
    private long errors;
    private long duplicates;
    private double sum;
    private double sumSquares;
    private double min = Double.POSITIVE_INFINITY;
    private double max;

    synchronized void add(ProbeResult r) {
        results.add(r);
        switch (r.outcome()) {
            case SUCCESS -> {
                transmitted++;
                received++;
                double ms = r.rttNanos() / 1e6;
                sum += ms;
                sumSquares += ms * ms;
                min = Math.min(min, ms);
                max = Math.max(max, ms);
            }
            case TIMEOUT -> transmitted++;
            case FAILED -> {
                transmitted++;
                errors++;
            }
            case DUPLICATE -> duplicates++;
            case LATE -> { }
        }
    }

    synchronized long completed() {
        return transmitted;
    }

    synchronized long transmitted() {
        return transmitted;
    }

    synchronized long received() {
        return received;
    }

    synchronized long errors() {
        return errors;
    }

    synchronized long duplicates() {
        return duplicates;
    }

    synchronized double lossRatio() {
        return transmitted == 0 ? 0 : (double) (transmitted - received) / transmitted;
    }

    synchronized double minMillis() {
        return received == 0 ? Double.NaN : min;
    }

    synchronized double avgMillis() {
        return received == 0 ? Double.NaN : sum / received;
    }

    synchronized double maxMillis() {
        return received == 0 ? Double.NaN : max;
    }

    synchronized double mdevMillis() {
        if (received == 0) {
            return Double.NaN;
        }
        double mean = sum / received;
        return Math.sqrt(Math.max(0, sumSquares / received - mean * mean));
    }

    synchronized List<ProbeResult> results() {
        return List.copyOf(results);
    }

    static boolean completes(ProbeResult r) {
        return r.outcome() == Outcome.SUCCESS || r.outcome() == Outcome.TIMEOUT || r.outcome() == Outcome.FAILED;
    }
}

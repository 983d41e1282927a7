package io.linkguard.agent.health;

import io.linkguard.probes.FailureReason;
import io.linkguard.probes.Outcome;
import io.linkguard.probes.ProbeResult;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Consecutive failures (a streak) of each TCP target of one link; not to be confused with probes' TcpFailures,
 * which maps a connect errno to a failure reason.
 *
 * <p>A refused connection counts as a success here: the peer's RST came back through the tunnel, so the
 * path works and only the service is down, which a backup path that leads to the same service would not
 * fix. Every other failure (timeout, unreachable, reset, send failure) counts against the path.
 *
 * <p>Not thread-safe: {@link LinkHealth} owns it.
 */
final class TcpStreaks {

    /** One target's run of failures; {@code failures == 0} after a success. */
    record Streak(String target, int failures, FailureReason lastReason) {
    }

    private final Map<String, Streak> byTarget = new LinkedHashMap<>();

    /** Forgets every streak (the interface came back: only what is measured from now on counts). */
    void clear() {
        byTarget.clear();
    }

    void add(ProbeResult result) {
        if (!result.outcome().completesProbe()) {
            return;
        }
        boolean pathWorks = result.outcome() == Outcome.SUCCESS || result.reason() == FailureReason.REFUSED;
        Streak before = byTarget.get(result.target());
        int failures = pathWorks ? 0 : (before == null ? 0 : before.failures()) + 1;
        byTarget.put(result.target(), new Streak(result.target(), failures, result.reason()));
    }

    /** The target with the longest run of at least {@code threshold} failures, if any. */
    Optional<Streak> failing(int threshold) {
        Streak worst = null; // loops, not streams: this runs on every health tick of every link
        for (Streak s : byTarget.values()) {
            if (s.failures() >= threshold && (worst == null || s.failures() > worst.failures())) {
                worst = s;
            }
        }
        return Optional.ofNullable(worst);
    }

    /** Whether there are TCP targets and every one has failed at least {@code threshold} times in a row. */
    boolean allFailing(int threshold) {
        if (byTarget.isEmpty()) {
            return false;
        }
        for (Streak s : byTarget.values()) {
            if (s.failures() < threshold) {
                return false;
            }
        }
        return true;
    }

    /** Whether some target's last result showed the path working. */
    boolean anyWorking() {
        for (Streak s : byTarget.values()) {
            if (s.failures() == 0) {
                return true;
            }
        }
        return false;
    }
}

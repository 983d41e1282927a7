package io.linkguard.agent.health;

import io.linkguard.bfd.packet.BfdState;
import io.linkguard.bfd.packet.Diagnostic;
import io.linkguard.probes.ProbeResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A link's health and failover decision wired as the controller will wire them: every input and every
 * tick evaluates the health, then the decision; the switches are recorded.
 */
final class Harness {

    final LinkHealth health;
    final FailoverDecision decision;
    final List<FailoverDecision.Switch> switches = new ArrayList<>();

    Harness(LinkPolicy policy, boolean hasBfd, FailoverDecision.Policy failover, Optional<String> currentAtStart) {
        this.health = new LinkHealth(policy, hasBfd, 0);
        this.decision = new FailoverDecision(List.of("tunnel", "proxy"), failover, currentAtStart);
    }

    static Harness startingOn(String path) {
        return new Harness(LinkPolicy.defaults(), true, FailoverDecision.Policy.DEFAULT, Optional.of(path));
    }

    void bfd(BfdState state, long nowNanos) {
        health.onBfd(state, state == BfdState.UP ? Diagnostic.NONE : Diagnostic.CONTROL_DETECTION_TIME_EXPIRED,
                nowNanos);
        decide(nowNanos);
    }

    void probe(ProbeResult result, long nowNanos) {
        health.onProbe(result, nowNanos);
        decide(nowNanos);
    }

    void tick(long nowNanos) {
        health.evaluate(nowNanos);
        decide(nowNanos);
    }

    /** Ticks every {@code stepNanos} from {@code fromNanos} (inclusive) to {@code toNanos} (exclusive). */
    void tickEvery(long stepNanos, long fromNanos, long toNanos) {
        for (long t = fromNanos; t < toNanos; t += stepNanos) {
            tick(t);
        }
    }

    private void decide(long nowNanos) {
        decision.evaluate(health.snapshot(nowNanos)).ifPresent(switches::add);
    }

    long switchesTo(String path) {
        return switches.stream().filter(s -> s.toPath().equals(path)).count();
    }
}

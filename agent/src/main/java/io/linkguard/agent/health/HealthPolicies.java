package io.linkguard.agent.health;

import io.linkguard.agent.config.LinkHealthConfig;

import java.util.List;
import java.util.Optional;

/**
 * The one place where a link's {@code health:} config becomes the policies of {@link LinkHealth} and
 * {@link FailoverDecision}. Health depends on config, never the other way round: config stays a
 * description of the file, health the logic.
 */
public final class HealthPolicies {

    private HealthPolicies() {
    }

    public static LinkPolicy linkPolicy(LinkHealthConfig config) {
        LinkHealthConfig.LossThresholds loss = config.loss();
        LinkHealthConfig.Dampening d = config.dampening();
        return new LinkPolicy(config.window(), config.minSamples(),
                new LinkPolicy.Hysteresis(loss.degradedEnter(), loss.degradedLeave()),
                new LinkPolicy.Hysteresis(loss.downEnter(), loss.downLeave()),
                delays(config.rtt()), delays(config.jitter()), config.tcpFailures(), config.minTimeInState(),
                new LinkPolicy.Dampening(d.penalty(), d.halfLife(), d.suppress(), d.reuse(), d.maxSuppress()));
    }

    public static FailoverDecision.Policy failoverPolicy(LinkHealthConfig config) {
        FailoverDecision.FailoverOn on = switch (config.failoverOn()) {
            case DEGRADED -> FailoverDecision.FailoverOn.DEGRADED;
            case DOWN -> FailoverDecision.FailoverOn.DOWN;
        };
        return new FailoverDecision.Policy(on, config.failbackDelay());
    }

    /**
     * The decision for a link with {@code paths} (names in config order); empty for a link without paths,
     * which is monitored only.
     */
    public static Optional<FailoverDecision> decision(LinkHealthConfig config, List<String> paths,
                                                      Optional<String> currentPathAtStart) {
        return paths.isEmpty()
                ? Optional.empty()
                : Optional.of(new FailoverDecision(paths, failoverPolicy(config), currentPathAtStart));
    }

    private static Optional<LinkPolicy.DelayHysteresis> delays(Optional<LinkHealthConfig.DelayThresholds> config) {
        return config.map(t -> new LinkPolicy.DelayHysteresis(t.degradedEnter(), t.degradedLeave()));
    }
}

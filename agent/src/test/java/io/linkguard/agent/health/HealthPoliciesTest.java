package io.linkguard.agent.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.agent.config.LinkHealthConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthPoliciesTest {

    @Test
    void configDefaultsAreThePolicyDefaults() {
        assertThat(HealthPolicies.linkPolicy(LinkHealthConfig.DEFAULTS)).isEqualTo(LinkPolicy.defaults());
        assertThat(HealthPolicies.failoverPolicy(LinkHealthConfig.DEFAULTS)).isEqualTo(FailoverDecision.Policy.DEFAULT);
    }

    @Test
    void everyKeyIsMapped() {
        LinkHealthConfig config = new LinkHealthConfig(Duration.ofSeconds(20), 8,
                new LinkHealthConfig.LossThresholds(0.04, 0.005, 0.4, 0.15),
                Optional.of(new LinkHealthConfig.DelayThresholds(Duration.ofMillis(250), Duration.ofMillis(200))),
                Optional.of(new LinkHealthConfig.DelayThresholds(Duration.ofMillis(30), Duration.ofMillis(20))),
                2, Duration.ofSeconds(3), Duration.ofMinutes(1), LinkHealthConfig.FailoverOn.DOWN,
                new LinkHealthConfig.Dampening(500, Duration.ofMinutes(2), 3000, 800, Duration.ofMinutes(30)),
                LinkHealthConfig.InterfaceDown.IGNORE);

        assertThat(HealthPolicies.linkPolicy(config)).isEqualTo(new LinkPolicy(Duration.ofSeconds(20), 8,
                new LinkPolicy.Hysteresis(0.04, 0.005), new LinkPolicy.Hysteresis(0.4, 0.15),
                Optional.of(new LinkPolicy.DelayHysteresis(Duration.ofMillis(250), Duration.ofMillis(200))),
                Optional.of(new LinkPolicy.DelayHysteresis(Duration.ofMillis(30), Duration.ofMillis(20))),
                2, Duration.ofSeconds(3),
                new LinkPolicy.Dampening(500, Duration.ofMinutes(2), 3000, 800, Duration.ofMinutes(30))));
        assertThat(HealthPolicies.failoverPolicy(config)).isEqualTo(new FailoverDecision.Policy(
                FailoverDecision.FailoverOn.DOWN, Duration.ofMinutes(1)));
    }

    @Test
    void aLinkWithoutPathsIsMonitoredOnly() {
        assertThat(HealthPolicies.decision(LinkHealthConfig.DEFAULTS, List.of(), Optional.empty())).isEmpty();
        assertThat(HealthPolicies.decision(LinkHealthConfig.DEFAULTS, List.of("tunnel", "proxy"), Optional.empty()))
                .map(FailoverDecision::currentPath).contains(FailoverDecision.NO_PATH);
    }
}

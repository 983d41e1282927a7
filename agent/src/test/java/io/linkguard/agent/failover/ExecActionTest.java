package io.linkguard.agent.failover;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExecActionTest {
    @Test
    void theEventReachesTheHookAsEnvironmentVariables() {
        ExecAction a = new ExecAction("la-sg", "proxy",
                List.of("/bin/sh", "-c", "echo $LINKGUARD_LINK $LINKGUARD_FROM_STATE $LINKGUARD_TO_STATE"
                        + " $LINKGUARD_FROM_PATH $LINKGUARD_PATH $LINKGUARD_LOSS_RATIO \"$LINKGUARD_REASON\""),
                Duration.ofSeconds(10));
        ActionResult r = a.run(new ActionContext("la-sg", "up", "down", "BFD session down (detection time expired)",
                "tunnel", "proxy", Map.of("loss_ratio", "0.31")));
        assertThat(r.outcome()).isEqualTo(ActionOutcome.OK);
        assertThat(r.exitCode()).isZero();
        assertThat(r.detail()).isEqualTo("la-sg up down tunnel proxy 0.31 BFD session down (detection time expired)");
        assertThat(r.action()).isEqualTo("exec");
    }
}

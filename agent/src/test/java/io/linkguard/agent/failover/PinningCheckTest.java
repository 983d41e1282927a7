package io.linkguard.agent.failover;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class PinningCheckTest {
    @Test
    void findsTheRuleForTheMark() {
        String rules = "0:\tfrom all lookup local\n32765:\tfrom all fwmark 0x64 lookup 100\n32766:\tfrom all lookup main";
        assertThat(PinningCheck.hasRuleFor(rules, 0x64)).isTrue();
        assertThat(PinningCheck.hasRuleFor("100:\tfrom all fwmark 0x64/0xff lookup 100", 0x64)).isTrue();
        assertThat(PinningCheck.hasRuleFor(rules, 0x6)).isFalse();
        assertThat(PinningCheck.hasRuleFor(rules, 0x640)).isFalse();
    }

    @Test
    void anInterfacePinsAndNothingAtAllIsAnError() {
        assertThat(PinningCheck.problem("la-sg", Optional.of("gre-sg"), OptionalLong.empty(), false)).isEmpty();
        assertThat(PinningCheck.problem("la-sg", Optional.empty(), OptionalLong.empty(), false)).get()
                .asString().contains("not pinned to the tunnel").contains("links[].fwmark");
    }
}

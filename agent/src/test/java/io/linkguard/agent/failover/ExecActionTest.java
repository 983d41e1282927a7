package io.linkguard.agent.failover;

import io.linkguard.agent.events.AlertPolicy;
import io.linkguard.alerts.AlertEvent;
import io.linkguard.alerts.config.AlertsConfig;
import io.linkguard.alerts.config.ChannelConfig;
import io.linkguard.alerts.config.ChannelFilter;
import io.linkguard.config.SecretRef;
import io.linkguard.agent.health.LinkHealthSnapshot;
import io.linkguard.agent.health.LinkState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ExecActionTest {
    private static final String TOKEN = "123456789:AAH-not-a-real-token-0123456789abcdef";
    private static final ActionContext CONTEXT = new ActionContext("la-sg", "up", "down", "bfd_down", "tunnel",
            "proxy", Map.of("loss_ratio", "0.31"));

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

    @Test
    void aHookSeesPathLangItsOwnEnvAndTheEventAndNothingElse() {
        ExecAction a = new ExecAction("la-sg", "proxy", List.of("/usr/bin/env"), Map.of("SITE", "la"),
                Duration.ofSeconds(10), new HookRedaction());

        ActionResult r = a.run(CONTEXT);

        assertThat(r.outcome()).isEqualTo(ActionOutcome.OK);
        assertThat(Arrays.stream(r.detail().split(" ")).map(v -> v.substring(0, v.indexOf('='))))
                .containsExactlyInAnyOrder("PATH", "LANG", "SITE", "LINKGUARD_LINK", "LINKGUARD_FROM_STATE",
                        "LINKGUARD_TO_STATE", "LINKGUARD_REASON", "LINKGUARD_FROM_PATH", "LINKGUARD_PATH",
                        "LINKGUARD_LOSS_RATIO");
        assertThat(r.detail()).contains("PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8", "SITE=la");
    }

    @Test
    void aChannelSecretIsMaskedInArgvOutputAndTheAlert() {
        // The agent's environment holds the Telegram token (token_env); injected, not the real one.
        HookRedaction redaction = new HookRedaction();
        redaction.update(Optional.of(alertsWithTokenFrom("LG_TEST_TG_TOKEN")), Map.of("LG_TEST_TG_TOKEN", TOKEN));
        // However a hook gets hold of it (here: its env: and an argument), it never comes back out.
        ExecAction a = new ExecAction("la-sg", "proxy", List.of("/bin/sh", "-c", "echo \"$1\"; env; exit 1", "sh",
                "token=" + TOKEN), Map.of("COPIED", TOKEN), Duration.ofSeconds(10), redaction);

        ActionResult r = a.run(CONTEXT);
        AlertEvent alert = AlertPolicy.actionFailed("la-sg", r, new LinkHealthSnapshot(LinkState.DOWN, 0, 0.32,
                171_400_000L, 2_500_000, 40, 0, false, Optional.empty(), 0, Optional.empty()), Optional.empty(), Instant.EPOCH);

        assertThat(r.outcome()).isEqualTo(ActionOutcome.FAILED);
        assertThat(r.detail()).contains("COPIED=[redacted]").doesNotContain(TOKEN).doesNotContain("AAH-not");
        assertThat(r.what()).doesNotContain(TOKEN).doesNotContain("AAH-not");
        assertThat(alert.reason()).doesNotContain(TOKEN).doesNotContain("AAH-not").contains("COPIED=[redacted]");
    }

    @Test
    void aSecretAcrossTheOutputCapIsMaskedWholeNeverShownInPart() {
        HookRedaction redaction = new HookRedaction();
        redaction.update(Optional.of(alertsWithTokenFrom("LG_TEST_TG_TOKEN")), Map.of("LG_TEST_TG_TOKEN", TOKEN));
        for (int before : new int[] {1, 8, 20, TOKEN.length() - 1}) { // token characters before the 4096 cut
            int filler = CommandRunner.MAX_OUTPUT_BYTES - before;
            ExecAction a = new ExecAction("la-sg", "proxy", List.of("/bin/sh", "-c",
                    "head -c " + filler + " /dev/zero | tr '\\0' a; printf '%s' \"$COPIED\"; head -c 3000 /dev/zero"
                            + " | tr '\\0' b"), Map.of("COPIED", TOKEN), Duration.ofSeconds(10), redaction);

            ActionResult r = a.run(CONTEXT);

            assertThat(r.outcome()).isEqualTo(ActionOutcome.OK);
            assertThat(r.detail()).as("%d token characters before the cut", before)
                    .isEqualTo(("a".repeat(filler) + "[redacted]" + "b".repeat(3000))
                            .substring(0, CommandRunner.MAX_OUTPUT_BYTES) + " [output truncated: "
                            + (filler + TOKEN.length() + 3000 - CommandRunner.MAX_OUTPUT_BYTES) + " more bytes]");
        }
    }

    @Test
    void aSecretCutOffWhereTheKeptOutputEndsIsDroppedNotShownInPart() {
        HookRedaction redaction = new HookRedaction();
        redaction.update(Optional.of(alertsWithTokenFrom("LG_TEST_TG_TOKEN")), Map.of("LG_TEST_TG_TOKEN", TOKEN));
        // Masking 60 whole tokens shortens the text by 2160 characters, which pulls what was kept last (the
        // first 12 characters of a token whose rest was not kept) inside the cap: it must not be shown.
        String kept = (TOKEN + " ").repeat(60);
        kept += "c".repeat(CommandRunner.MAX_OUTPUT_BYTES + CommandRunner.SLACK_BYTES - 12 - kept.length());
        kept += TOKEN.substring(0, 12);

        String shown = CommandRunner.shown(kept, true, 9000, redaction);

        assertThat(shown).doesNotContain("123456789:").doesNotContain("AAH-not")
                .endsWith("c [output truncated: " + (9000 - CommandRunner.MAX_OUTPUT_BYTES) + " more bytes]");
    }

    private static AlertsConfig alertsWithTokenFrom(String variable) {
        var delivery = new ChannelConfig.Delivery(new ChannelConfig.RateLimit(20, Duration.ofMinutes(1)), 5,
                Duration.ofSeconds(5), Duration.ofMinutes(5));
        var telegram = new ChannelConfig.Telegram("tg", ChannelConfig.Telegram.DEFAULT_BASE_URL,
                new SecretRef(SecretRef.Kind.ENV, variable, "test.yml:9: alerts.channels[0].token_env"), "-100123",
                delivery, Optional.empty(), ChannelFilter.ALL);
        return new AlertsConfig(Duration.ofSeconds(10), 20, new AlertsConfig.Spool(1000, 1 << 20),
                List.<ChannelConfig>of(telegram));
    }

}

package io.linkguard.agent.alert;

import io.linkguard.alerts.DeliveryTest;
import io.linkguard.alerts.CapturedOutput;
import io.linkguard.alerts.Configs;
import io.linkguard.alerts.FakeEndpoint;
import io.linkguard.alerts.SlackPayload;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.alerts.FakeEndpoint.Reply;
import io.linkguard.agent.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code linkguard alert test [CHANNEL] --config FILE}: synchronous, per-channel HTTP result, exit status. */
class AlertCommandTest {
    private static final String LINKS = """
            links:
              - name: la-sg
                peer: 10.255.0.2
                probes:
                  - type: icmp
            """;

    @TempDir
    Path dir;

    private Path config(FakeEndpoint hook, FakeEndpoint slack) throws Exception {
        Path hookUrl = Files.writeString(dir.resolve("hook-url"), hook.url() + "/hooks/cli-secret-0123456789\n");
        Path secret = Files.writeString(dir.resolve("hook-secret"), "cli-hmac-secret\n");
        Path slackUrl = Files.writeString(dir.resolve("slack-url"), slack.url() + "/services/T/B/slack-secret-42\n");
        for (Path f : List.of(hookUrl, secret, slackUrl)) {
            Files.setPosixFilePermissions(f, Configs.OWNER_ONLY);
        }
        return Files.writeString(dir.resolve("linkguard.yml"), LINKS + """
                alerts:
                  channels:
                    - name: noc-hook
                      type: webhook
                      url_file: %s
                      secret_file: %s
                    - name: ops-slack
                      type: slack
                      url_file: %s
                """.formatted(hookUrl, secret, slackUrl));
    }

    private static int run(CapturedOutput out, String... args) {
        return Main.execute(args);
    }

    @Test
    void testsEveryChannelAndFailsIfAnyFails() throws Exception {
        try (FakeEndpoint hook = new FakeEndpoint(r -> List.of(), r -> Reply.ok("{}"));
             FakeEndpoint slack = new FakeEndpoint(r -> SlackPayload.problems(DeliveryTest.json(r)),
                     r -> new Reply(404, "no_service", Map.of()));
             CapturedOutput out = new CapturedOutput()) {
            Path cfg = config(hook, slack);

            int exit = run(out, "alert", "test", "--config", cfg.toString());

            assertThat(exit).isEqualTo(1);
            assertThat(out.text()).contains("noc-hook (webhook): HTTP 200, ok")
                    .contains("ops-slack (slack): HTTP 404, rejected, would be dropped: no_service")
                    .doesNotContain("cli-secret-0123456789").doesNotContain("slack-secret-42")
                    .doesNotContain("cli-hmac-secret");
            assertThat(hook.received()).singleElement().satisfies(r -> assertThat(DeliveryTest.json(r)
                    .getJsonArray("events").getJsonObject(0).getString("kind")).isEqualTo("test"));
            assertThat(slack.problems()).isEmpty();
        }
    }

    @Test
    void oneChannelByNameSucceeds() throws Exception {
        try (FakeEndpoint hook = new FakeEndpoint(r -> List.of(), r -> Reply.ok("{}"));
             FakeEndpoint slack = new FakeEndpoint(r -> List.of(), r -> Reply.ok("ok"));
             CapturedOutput out = new CapturedOutput()) {
            Path cfg = config(hook, slack);

            assertThat(run(out, "alert", "test", "noc-hook", "--config", cfg.toString())).isZero();
            assertThat(slack.received()).isEmpty();
            assertThat(hook.received()).hasSize(1);
        }
    }

    @Test
    void anUnreachableEndpointIsAFailureWithoutHttpStatus() throws Exception {
        try (FakeEndpoint hook = new FakeEndpoint(r -> List.of(), r -> Reply.ok("{}"));
             FakeEndpoint slack = new FakeEndpoint(r -> List.of(), r -> Reply.ok("ok"));
             CapturedOutput out = new CapturedOutput()) {
            Path cfg = config(hook, slack);
            hook.down();

            assertThat(run(out, "alert", "test", "noc-hook", "-c", cfg.toString())).isEqualTo(1);
            assertThat(out.text()).contains("noc-hook (webhook): no HTTP answer, ConnectException: Connection refused");
        }
    }

    @Test
    void usageAndConfigErrorsExitWith2() throws Exception {
        try (FakeEndpoint hook = new FakeEndpoint(r -> List.of(), r -> Reply.ok("{}"));
             FakeEndpoint slack = new FakeEndpoint(r -> List.of(), r -> Reply.ok("ok"));
             CapturedOutput out = new CapturedOutput()) {
            Path cfg = config(hook, slack);
            Path noAlerts = Files.writeString(dir.resolve("plain.yml"), LINKS);

            assertThat(run(out, "alert", "test", "nope", "--config", cfg.toString())).isEqualTo(2);
            assertThat(out.text()).contains("no alert channel named nope").contains("configured: noc-hook, ops-slack");
            assertThat(run(out, "alert", "test", "--config", noAlerts.toString())).isEqualTo(2);
            assertThat(out.text()).contains("no alerts: section");
            assertThat(run(out, "alert", "test", "--config", dir.resolve("missing.yml").toString())).isEqualTo(2);
            assertThat(run(out, "alert")).isEqualTo(2);
            Files.delete(dir.resolve("hook-secret"));
            assertThat(run(out, "alert", "test", "--config", cfg.toString())).isEqualTo(2);
            assertThat(out.text()).contains("alerts.channels[0].secret_file: " + dir.resolve("hook-secret")
                    + ": file not found");
            assertThat(hook.received()).isEmpty();
        }
    }
}

package io.linkguard.agent.config;

import io.linkguard.alerts.config.AlertsConfig;
import io.linkguard.alerts.config.ChannelConfig;
import io.linkguard.alerts.config.ChannelFilter;
import io.linkguard.alerts.config.ChannelParser;
import io.linkguard.alerts.config.MessageTemplate;
import io.linkguard.config.ConfigError;
import io.linkguard.config.ConfigException;
import io.linkguard.config.SecretRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertsConfigTest {
    private static final String LINKS = """
            links:
              - name: la-sg
                peer: 10.255.0.2
                probes:
                  - type: icmp
            """;

    @TempDir
    Path dir;

    static Path ownerOnly(Path f) throws IOException {
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    @Test
    void everyKeyOfTheAlertsSectionRoundTripsToRecords() throws Exception {
        Path slackUrl = Files.writeString(dir.resolve("slack-url"), "https://hooks.slack.test/services/T/B/SECRET\n");
        Path hookSecret = Files.writeString(dir.resolve("hook-secret"), "k3y\n");
        ownerOnly(slackUrl);
        ownerOnly(hookSecret);
        String yaml = """
                agent:
                  state_directory: /srv/linkguard/state
                """ + LINKS + """
                alerts:
                  group_window: 500ms
                  group_max: 5
                  spool: {max_messages: 50, max_bytes: 1048576}
                  channels:
                    - name: ops-slack
                      type: slack
                      url_file: %s
                      rate_limit: 1/s
                      burst: 2
                      retry_initial: 2s
                      retry_max: 1m
                      template: "*{{link}}* {{state}}: {{reason}}"
                    - name: oncall-tg
                      type: telegram
                      base_url: https://tg-proxy.example.net/telegram/
                      token_env: PATH
                      chat_id: -1001234567890
                      template: "<b>{{link}}</b> &amp; {{state}}"
                    - name: noc-hook
                      type: webhook
                      url_env: PATH
                      secret_file: %s
                      rate_limit: 5/10s
                      events: [failover, failback, bfd_down]
                      min_severity: warning
                    - name: am
                      type: alertmanager
                      url: http://127.0.0.1:9093/
                      repeat_interval: 30s
                """.formatted(slackUrl, hookSecret);

        Config config = ConfigLoader.parse(yaml, "alerts.yml");

        assertThat(config.agent().stateDirectory()).isEqualTo(Path.of("/srv/linkguard/state"));
        AlertsConfig a = config.alerts().orElseThrow();
        assertThat(a.groupWindow()).isEqualTo(Duration.ofMillis(500));
        assertThat(a.groupMax()).isEqualTo(5);
        assertThat(a.spool()).isEqualTo(new AlertsConfig.Spool(50, 1 << 20));
        assertThat(a.channels()).extracting(ChannelConfig::name).containsExactly("ops-slack", "oncall-tg", "noc-hook",
                "am");
        ChannelConfig.Slack slack = (ChannelConfig.Slack) a.channels().get(0);
        assertThat(slack.url()).isEqualTo(new SecretRef(SecretRef.Kind.FILE, slackUrl.toString(),
                "alerts.yml:15: alerts.channels[0].url_file"));
        assertThat(slack.delivery()).isEqualTo(new ChannelConfig.Delivery(
                new ChannelConfig.RateLimit(1, Duration.ofSeconds(1)), 2, Duration.ofSeconds(2), Duration.ofMinutes(1)));
        assertThat(slack.template().orElseThrow().parts()).containsExactly(new MessageTemplate.Literal("*"),
                new MessageTemplate.Placeholder("link"), new MessageTemplate.Literal("* "),
                new MessageTemplate.Placeholder("state"), new MessageTemplate.Literal(": "),
                new MessageTemplate.Placeholder("reason"));
        ChannelConfig.Telegram tg = (ChannelConfig.Telegram) a.channels().get(1);
        assertThat(tg.baseUrl()).isEqualTo(URI.create("https://tg-proxy.example.net/telegram"));
        assertThat(tg.token().kind()).isEqualTo(SecretRef.Kind.ENV);
        assertThat(tg.chatId()).isEqualTo("-1001234567890");
        assertThat(tg.delivery().rate()).isEqualTo(new ChannelConfig.RateLimit(20, Duration.ofMinutes(1)));
        ChannelConfig.Webhook hook = (ChannelConfig.Webhook) a.channels().get(2);
        assertThat(hook.delivery().rate()).isEqualTo(new ChannelConfig.RateLimit(5, Duration.ofSeconds(10)));
        assertThat(hook.secret().reference()).isEqualTo(hookSecret.toString());
        ChannelConfig.Alertmanager am = (ChannelConfig.Alertmanager) a.channels().get(3);
        assertThat(hook.filter()).isEqualTo(new ChannelFilter(java.util.Set.of("failover", "failback", "bfd_down"),
                "warning"));
        assertThat(hook.filter()).hasToString("failover, failback, bfd_down, warning and above");
        assertThat(am.url()).isEqualTo(new SecretRef(SecretRef.Kind.INLINE, "http://127.0.0.1:9093",
                "alerts.yml:36: alerts.channels[3].url"));
        assertThat(am.filter()).isEqualTo(ChannelFilter.ALL);
        assertThat(am.repeatInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.toString()).doesNotContain("SECRET").doesNotContain("k3y");
    }

    @Test
    void defaultsFollowTheServicesDocumentedLimits() throws Exception {
        Config config = ConfigLoader.parse(LINKS + """
                alerts:
                  channels:
                    - name: am
                      type: alertmanager
                      url: http://127.0.0.1:9093
                """, "a.yml");

        AlertsConfig a = config.alerts().orElseThrow();
        assertThat(a.groupWindow()).isEqualTo(Duration.ofSeconds(2));
        assertThat(a.groupMax()).isEqualTo(20);
        assertThat(a.spool()).isEqualTo(AlertsConfig.Spool.DEFAULTS);
        ChannelConfig.Alertmanager am = (ChannelConfig.Alertmanager) a.channels().getFirst();
        assertThat(am.repeatInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(am.delivery()).isEqualTo(new ChannelConfig.Delivery(
                new ChannelConfig.RateLimit(10, Duration.ofSeconds(1)), 10, Duration.ofSeconds(1), Duration.ofMinutes(5)));
        assertThat(am.template()).isEmpty();
        assertThat(ChannelParser.DEFAULT_RATES.get("slack")).hasToString("1/1s");
        assertThat(ChannelParser.DEFAULT_RATES.get("telegram")).hasToString("20/60s");
    }

    @Test
    void withoutAnAlertsSectionThereIsNoAlerting() throws Exception {
        assertThat(ConfigLoader.parse(LINKS, "a.yml").alerts()).isEmpty();
    }

    @Test
    void theStateDirectoryDefaultsToSystemdsThenVarLib() {
        assertThat(AgentConfig.defaultStateDirectory(Map.of("STATE_DIRECTORY", "/var/lib/linkguard-test")))
                .isEqualTo(Path.of("/var/lib/linkguard-test"));
        assertThat(AgentConfig.defaultStateDirectory(Map.of("STATE_DIRECTORY", "/var/lib/a:/var/lib/b")))
                .isEqualTo(Path.of("/var/lib/a"));
        assertThat(AgentConfig.defaultStateDirectory(Map.of("STATE_DIRECTORY", "relative")))
                .isEqualTo(Path.of("/var/lib/linkguard"));
        assertThat(AgentConfig.defaultStateDirectory(Map.of())).isEqualTo(Path.of("/var/lib/linkguard"));
    }

    @Test
    void everyProblemOfTheSectionIsReportedAtOnce() {
        String yaml = LINKS + """
                alerts:
                  group_max: 0
                  channels:
                    - name: a
                      type: slack
                    - name: b
                      type: webhook
                      url_env: "not a name"
                      secret: inline
                """;

        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "m.yml")).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.errors()).extracting(ConfigError::toString).containsExactly(
                        "m.yml:7: alerts.group_max: must be between 1 and 100 (got 0)",
                        "m.yml:9: alerts.channels[0].url_file: required key is missing (set one of: url_file, url_env)",
                        "m.yml:13: alerts.channels[1].url_env: not an environment variable name: \"not a name\"",
                        "m.yml:14: alerts.channels[1].secret: is a secret and is never written in the config: use "
                                + "secret_file or secret_env"));
    }

    @Test
    void aChannelFilterNamesOnlyKnownKindsAndSeverities() {
        String yaml = LINKS + """
                alerts:
                  channels:
                    - name: a
                      type: alertmanager
                      url: http://127.0.0.1:9093
                      events: [failover, link_down, failover]
                      min_severity: urgent
                    - name: b
                      type: alertmanager
                      url: http://127.0.0.1:9093
                      events: []
                    - name: c
                      type: alertmanager
                      url: http://127.0.0.1:9093
                      events: [link_state, bfd_up]
                """;

        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "f.yml")).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.errors()).extracting(ConfigError::toString).containsExactly(
                        "f.yml:11: alerts.channels[0].events[1]: unknown event kind \"link_down\" (expected one of:"
                                + " link_state, failover, failback, action_failed, bfd_down, bfd_up, pmtu_drop,"
                                + " route_drift, resolved)",
                        "f.yml:11: alerts.channels[0].events[2]: event kind \"failover\" is listed twice",
                        "f.yml:12: alerts.channels[0].min_severity: unknown severity \"urgent\" (expected one of:"
                                + " info, warning, critical)",
                        "f.yml:16: alerts.channels[1].events: an empty list would send nothing: list event kinds"
                                + " (link_state, failover, failback, action_failed, bfd_down, bfd_up, pmtu_drop,"
                                + " route_drift, resolved) or leave the key out for all",
                        "f.yml:20: alerts.channels[2].events[1]: bfd_up is sent when the bfd_down it ends was: list"
                                + " bfd_down (bfd_up comes with it)"));
    }

    @Test
    void secretsAreReadStrippedAndErrorsNameTheKeyNotTheValue() throws Exception {
        Path f = ownerOnly(Files.writeString(dir.resolve("token"), "  123:abc-secret \n"));
        SecretRef file = new SecretRef(SecretRef.Kind.FILE, f.toString(), "c.yml:4: alerts.channels[0].token_file");
        assertThat(file.read()).isEqualTo("123:abc-secret");
        assertThat(file.toString()).doesNotContain("abc-secret");

        SecretRef env = new SecretRef(SecretRef.Kind.ENV, "TOKEN", "c.yml:5: alerts.channels[1].token_env");
        assertThat(env.read(Map.of("TOKEN", "t0ken"))).isEqualTo("t0ken");
        assertThatThrownBy(() -> env.read(Map.of())).isInstanceOf(IOException.class)
                .hasMessage("c.yml:5: alerts.channels[1].token_env: environment variable TOKEN is not set");
        assertThatThrownBy(() -> env.read(Map.of("TOKEN", " "))).hasMessageContaining("is empty");

        Files.delete(f);
        assertThatThrownBy(file::read).isInstanceOf(IOException.class)
                .hasMessage("c.yml:4: alerts.channels[0].token_file: " + f + ": file not found");
    }

    @Test
    void telegramTemplatesMustBeTelegramHtml() {
        MessageTemplate.parse("<b>{{link}}</b> <i>{{reason}}</i> <code>{{rtt_ms}}</code> &lt;&amp;&#39;")
                .checkTelegramHtml();
        assertThatThrownBy(() -> MessageTemplate.parse("<b>{{link}}").checkTelegramHtml())
                .hasMessage("<b> is not closed");
        assertThatThrownBy(() -> MessageTemplate.parse("a & b").checkTelegramHtml())
                .hasMessage("a literal & must be written &amp; in Telegram HTML");
        assertThatThrownBy(() -> MessageTemplate.parse("<b><i>x</b></i>").checkTelegramHtml())
                .hasMessage("</b> closes a tag that is not open");
        assertThatThrownBy(() -> MessageTemplate.parse("{{link}")).hasMessageContaining("unbalanced {{ or }}");
        assertThat(MessageTemplate.parse("{{ link }}").parts()).containsExactly(new MessageTemplate.Placeholder("link"));
        assertThat(Optional.of(MessageTemplate.parse("plain")).get().parts())
                .containsExactly(new MessageTemplate.Literal("plain"));
    }
}

package io.linkguard.agent.config;

import io.linkguard.config.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One fixture per validation rule, {@code src/test/resources/config/invalid-*.yml}, each with the exact
 * message an operator sees.
 */
class ConfigFixturesTest {

    /** Fixture file name to the complete {@link ConfigException#getMessage()}. */
    private static final Map<String, String> EXPECTED = Map.ofEntries(
            entry("invalid-alias-bomb.yml",
                    "(yaml): Number of aliases for non-scalar nodes exceeds the specified max=10"),
            entry("invalid-alerts-channel-name.yml",
                    ":8: alerts.channels[0].name: not a valid channel name: \"Ops Slack\" (use 1 to 63 lowercase "
                            + "letters, digits, '.', '_' or '-', starting with a letter or digit)"),
            entry("invalid-alerts-channel-type.yml",
                    ":9: alerts.channels[0].type: unknown channel type \"email\" (expected one of: slack, telegram, "
                            + "webhook, alertmanager)"),
            entry("invalid-alerts-chat-id.yml",
                    ":11: alerts.channels[0].chat_id: not a chat id: \"ops room\" (a number such as "
                            + "\"-1001234567890\", or @channelusername)"),
            entry("invalid-alerts-duplicate-channel.yml",
                    ":11: alerts.channels[1].name: duplicate channel name \"am\" (first at line 8)"),
            entry("invalid-alerts-env-unset.yml",
                    ":10: alerts.channels[0].url_env: environment variable LINKGUARD_TEST_NO_SUCH_VARIABLE is not set"),
            entry("invalid-alerts-group-window.yml",
                    ":7: alerts.group_window: must be at most 60s (got 5m)"),
            entry("invalid-alerts-inline-secret.yml",
                    ":10: alerts.channels[0].url: is a secret and is never written in the config: use url_file or "
                            + "url_env"),
            entry("invalid-alerts-no-channels.yml",
                    ":7: alerts.channels: at least one channel is required (remove alerts: to turn alerting off)"),
            entry("invalid-alerts-rate-limit.yml",
                    ":11: alerts.channels[0].rate_limit: not a rate: \"fast\" (write messages/period, e.g. 20/min, "
                            + "1/s or 5/10s)"),
            entry("invalid-alerts-repeat-interval.yml",
                    ":11: alerts.channels[0].repeat_interval: must be at least 5s (got 1s)"),
            entry("invalid-alerts-retry-max.yml",
                    ":12: alerts.channels[0].retry_max: retry_max must be at least retry_initial (got retry_max 5s, "
                            + "retry_initial 10s)"),
            entry("invalid-alerts-secret-file-missing.yml",
                    ":10: alerts.channels[0].token_file: /nonexistent/linkguard/telegram-token: file not found"),
            entry("invalid-alerts-secret-file-mode.yml",
                    ":10: alerts.channels[0].token_file: /tmp/linkguard-fixtures/telegram-token-0640: mode 0640 gives "
                            + "access to group or others (expected: 0600 or stricter)"),
            entry("invalid-alerts-http-telegram.yml",
                    ":10: alerts.channels[0].base_url: an http:// URL would send the token in clear text: use "
                            + "https:// (http:// is accepted only to a loopback address: 127.0.0.0/8, ::1 or "
                            + "localhost)"),
            entry("invalid-alerts-http-webhook.yml",
                    ":10: alerts.channels[0].url_file: file /tmp/linkguard-fixtures/webhook-url-http holds an "
                            + "http:// URL, which would send the token in clear text: use https:// (http:// is "
                            + "accepted only to a loopback address: 127.0.0.0/8, ::1 or localhost)"),
            entry("invalid-alerts-secret-missing.yml",
                    ":8: alerts.channels[0].token_file: required key is missing (set one of: token_file, token_env)"),
            entry("invalid-alerts-secret-twice.yml",
                    ":11: alerts.channels[0].url_env: set only one of url, url_env"),
            entry("invalid-alerts-spool-max-messages.yml",
                    ":7: alerts.spool.max_messages: must be between 1 and 100000 (got 0)"),
            entry("invalid-alerts-telegram-template-tag.yml",
                    ":12: alerts.channels[0].template: only the tags <b>, <i>, <code> and <pre> are allowed (write a "
                            + "literal < as &lt;)"),
            entry("invalid-alerts-unknown-key.yml",
                    ":11: alerts.channels[0].receiver: unknown key for an alertmanager channel (expected one of: name, "
                            + "type, rate_limit, burst, retry_initial, retry_max, template, events, min_severity, url, url_file, url_env, "
                            + "repeat_interval)"),
            entry("invalid-alerts-unknown-placeholder.yml",
                    ":11: alerts.channels[0].template: unknown placeholder {{rtt}} (expected one of: kind, severity, "
                            + "link, state, reason, at, since, node, title, figures, rtt_ms, loss_pct, jitter_ms, "
                            + "bfd_diag, bfd_peer, active_path, pmtu_bytes, expected_mtu_bytes, ptb_seen, black_hole)"),
            entry("invalid-alerts-url-credentials.yml",
                    ":10: alerts.channels[0].url: credentials in an inline URL would end up in logs: put the URL in "
                            + "url_file"),
            entry("invalid-alerts-url-scheme.yml",
                    ":10: alerts.channels[0].url: must be an http:// or https:// URL (got \"ftp://127.0.0.1:9093\")"),
            entry("invalid-action-missing-type.yml",
                    ":9: links[0].paths[0].actions[0].type: required key is missing (one of: route, exec)"),
            entry("invalid-action-type.yml",
                    ":9: links[0].paths[0].actions[0].type: unknown action type \"script\" (expected one of: "
                            + "route, exec)"),
            entry("invalid-action-unknown-key.yml",
                    ":12: links[0].paths[0].actions[0].argv: unknown key for a route action (expected one of: "
                            + "type, prefixes, via, dev, table)"),
            entry("invalid-boolean.yml",
                    ":6: links[0].probes[0].df: must be true or false (got \"yes\")"),
            entry("invalid-default-timeout-ge-interval.yml",
                    ":7: links[0].probes[0].timeout: the default timeout 2s is not less than the interval 1s: "
                            + "set a shorter timeout"),
            entry("invalid-duplicate-key.yml",
                    ":6: links[0].peer: duplicate key (first at line 3)"),
            entry("invalid-duplicate-link.yml",
                    ":6: links[1].name: duplicate link name \"la-sg\" (first at line 2)"),
            entry("invalid-duplicate-tcp-port.yml",
                    ":9: links[0].probes[2].port: duplicate tcp probe to port 443 on this link (first at line 6)"),
            entry("invalid-duration-fraction.yml",
                    ":6: links[0].probes[0].interval: fractions are not supported: write 1500ms instead of 1.5s"),
            entry("invalid-duration-no-unit.yml",
                    ":6: links[0].probes[0].interval: needs a unit, e.g. 5s or 5ms (got 5)"),
            entry("invalid-duration-unit.yml",
                    ":6: links[0].probes[0].timeout: unknown unit \"sec\" in \"2sec\" (use us, ms, s, m or h)"),
            entry("invalid-empty-file.yml",
                    ":1: links: at least one link is required"),
            entry("invalid-empty-links.yml",
                    ":3: links: at least one link is required"),
            entry("invalid-empty-probes.yml",
                    ":4: links[0].probes: at least one probe is required"),
            entry("invalid-exec-argv-count.yml",
                    ":10: links[0].paths[0].actions[0].argv: has 257 arguments (at most 256)"),
            entry("invalid-exec-argv-length.yml",
                    ":10: links[0].paths[0].actions[0].argv: arguments are 144019 characters long together (at most 131072)"),
            entry("invalid-exec-argv-nul.yml",
                    ":10: links[0].paths[0].actions[0].argv[1]: must not contain a NUL character (execve(2) cannot pass it)"),
            entry("invalid-exec-env-count.yml",
                    ":11: links[0].paths[0].actions[0].env: has 65 variables (at most 64)"),
            entry("invalid-exec-env-length.yml",
                    ":11: links[0].paths[0].actions[0].env: variables are 36006 characters long together (at most 32768)"),
            entry("invalid-exec-env-name.yml",
                    ":12: links[0].paths[0].actions[0].env.SITE-NAME: not a valid environment variable name (use letters, digits and '_', "
                            + "not starting with a digit, at most 128 characters)"),
            entry("invalid-exec-env-reserved.yml",
                    ":12: links[0].paths[0].actions[0].env.LINKGUARD_PATH: LINKGUARD_* variables describe the event and cannot be set here"),
            entry("invalid-exec-env-value.yml",
                    ":12: links[0].paths[0].actions[0].env.SITES: expected a single value, got a list"),
            entry("invalid-scalar-length.yml",
                    ":2: links[0].name: value is too long (16385 characters, at most 16384)"),
            entry("invalid-list-length.yml",
                    ":1: links: has 4097 items (at most 4096)"),
            entry("invalid-mapping-size.yml",
                    ":2: links[0]: has 4097 keys (at most 4096)"),
            entry("invalid-alias-expansion.yml",
                    "(yaml): the document is too large with its aliases expanded (more than 8388608 characters)"),
            entry("invalid-alias-cycle.yml",
                    ":1: links[0]: an alias refers to a list or mapping that contains it"),
            entry("invalid-exec-empty-argv.yml",
                    ":10: links[0].paths[0].actions[0].argv: at least the program is required"),
            entry("invalid-exec-relative-program.yml",
                    ":10: links[0].paths[0].actions[0].argv[0]: must be an absolute path (got \"notify\"): "
                            + "programs run without a shell or PATH lookup"),
            entry("invalid-exec-timeout.yml",
                    ":11: links[0].paths[0].actions[0].timeout: must be at least 1s (got 500ms)"),
            entry("invalid-family-mismatch.yml",
                    ":4: links[0].source: must be the same address family as peer (source is IPv4, peer is IPv6)"),
            entry("invalid-fwmark.yml",
                    ":4: links[0].fwmark: must be between 1 and 0xffffffff (got 0x100000000)"),
            entry("invalid-health-dampening-reuse-ge-suppress.yml",
                    ":8: links[0].health.dampening.reuse: must be less than suppress (got reuse 2000, "
                            + "suppress 2000 (default))"),
            entry("invalid-health-dampening-unreachable.yml",
                    ":7: links[0].health.dampening: suppress 2000 can never be reached: max_suppress 30s caps "
                            + "the penalty at 1060 (reuse × 2^(max_suppress / half_life), RFC 2439 §4.2)"),
            entry("invalid-health-failback-delay.yml",
                    ":7: links[0].health.failback_delay: must be at most 1h (got 2h)"),
            entry("invalid-health-failover-on.yml",
                    ":7: links[0].health.failover_on: must be degraded or down (got \"loss\")"),
            entry("invalid-health-interface-down.yml",
                    ":7: links[0].health.interface_down: must be down or ignore (got \"sometimes\")"),
            entry("invalid-health-jitter-too-small.yml",
                    ":7: links[0].health.jitter.degraded_leave: must be at least 1ms (got 500us)"),
            entry("invalid-health-loss-bare-number.yml",
                    ":8: links[0].health.loss.degraded_enter: a bare number is a fraction of 1: write 5% or "
                            + "0.05 (got 5)"),
            entry("invalid-health-loss-degraded-ge-down.yml",
                    ":8: links[0].health.loss.degraded_enter: must be less than down_enter (got "
                            + "degraded_enter 60%, down_enter 50% (default))"),
            entry("invalid-health-loss-down-leave-ge-enter.yml",
                    ":8: links[0].health.loss.down_enter: must be greater than down_leave (got down_enter "
                            + "15%, down_leave 20% (default))"),
            entry("invalid-health-loss-leave-ge-enter.yml",
                    ":7: links[0].health.loss.degraded_leave: must be less than degraded_enter (got "
                            + "degraded_leave 5%, degraded_enter 5%)"),
            entry("invalid-health-loss-not-percentage.yml",
                    ":8: links[0].health.loss.degraded_enter: not a percentage: \"five\" (write e.g. 5% or "
                            + "0.05)"),
            entry("invalid-health-loss-range.yml",
                    ":8: links[0].health.loss.down_enter: must be between 0% and 100% (got 120%)"),
            entry("invalid-health-min-samples.yml",
                    ":7: links[0].health.min_samples: must be between 1 and 10000 (got 0)"),
            entry("invalid-health-rtt-leave-ge-enter.yml",
                    ":9: links[0].health.rtt.degraded_leave: must be less than degraded_enter (got "
                            + "degraded_leave 250ms, degraded_enter 200ms)"),
            entry("invalid-health-rtt-missing-leave.yml",
                    ":7: links[0].health.rtt.degraded_leave: required key is missing"),
            entry("invalid-health-tcp-failures.yml",
                    ":7: links[0].health.tcp_failures: must be between 1 and 100 (got 0)"),
            entry("invalid-health-unknown-key.yml",
                    ":7: links[0].health.windw: unknown key for health (expected one of: window, min_samples, "
                            + "loss, rtt, jitter, tcp_failures, min_time_in_state, failback_delay, failover_on, "
                            + "dampening, interface_down)"),
            entry("invalid-health-window.yml",
                    ":7: links[0].health.window: must be at least 1s (got 500ms)"),
            entry("invalid-interface-name.yml",
                    ":4: links[0].interface: not a valid interface name: \"gre/la-singapore\" "
                            + "(1 to 15 characters, no '/', ':' or spaces)"),
            entry("invalid-interval-too-short.yml",
                    ":8: links[0].probes[1].interval: must be at least 10ms (got 5ms)"),
            entry("invalid-link-name.yml",
                    ":2: links[0].name: not a valid link name: \"LA to SG\" (use 1 to 63 lowercase letters, "
                            + "digits, '.', '_' or '-', starting with a letter or digit)"),
            entry("invalid-link-not-mapping.yml",
                    ":2: links[0]: expected a mapping of keys to values, got \"la-sg\""),
            entry("invalid-listen.yml",
                    ":2: agent.listen: not an IP address: \"localhost\" (DNS names are not accepted)"),
            entry("invalid-listen-ipv6-brackets.yml",
                    ":2: agent.listen: put IPv6 addresses in brackets, e.g. 127.0.0.1:18784 or [::1]:18784 "
                            + "(got \"::1:18784\")"),
            entry("invalid-listen-ipv6-unquoted.yml",
                    ":2: (yaml): while parsing a flow node, expected the node content, but found ':' "
                            + "(put bracketed IPv6 addresses in quotes, e.g. listen: \"[::1]:18784\")"),
            entry("invalid-bfd-auth-key-file-missing.yml",
                    ":8: links[0].probes[0].auth.key_file: /nonexistent/linkguard/bfd.key: cannot read key file: "
                            + "NoSuchFileException /nonexistent/linkguard/bfd.key"),
            entry("invalid-bfd-auth-type.yml",
                    ":7: links[0].probes[0].auth.type: unknown auth type \"keyed-md4\" (expected one of: "
                            + "simple-password, keyed-md5, meticulous-keyed-md5, keyed-sha1, meticulous-keyed-sha1)"),
            entry("invalid-bfd-auth-unknown-key.yml",
                    ":9: links[0].probes[0].auth.password: unknown key for bfd auth "
                            + "(expected one of: type, key_file, key_id)"),
            entry("invalid-bfd-duplicate-session.yml",
                    ":6: links[0].probes[1].type: duplicate bfd session on this link (first at line 5)"),
            entry("invalid-bfd-echo-interval-without-echo.yml",
                    ":6: links[0].probes[0].echo_interval: needs echo: true"),
            entry("invalid-bfd-echo-point-to-point.yml",
                    ":8: links[0].probes[0].echo: the Echo function needs an Ethernet next hop (the echo is a frame"
                            + " to the peer's MAC address); lo is the loopback interface: turn echo off for this"
                            + " link"),
            entry("invalid-bfd-echo-ipv6.yml",
                    ":7: links[0].probes[0].echo: the Echo function is IPv4 only in this version"),
            entry("invalid-bfd-echo-without-source.yml",
                    ":6: links[0].probes[0].echo: the Echo function needs the link's source address (echo packets "
                            + "are addressed to it, RFC 5881 §4): set links[].source"),
            entry("invalid-bfd-interval.yml",
                    ":6: links[0].probes[0].interval: must be at least 10ms (got 5ms)"),
            entry("invalid-bfd-min-ttl-single-hop.yml",
                    ":6: links[0].probes[0].min_ttl: only for multihop sessions: single hop always requires "
                            + "TTL 255 (RFC 5881 §5)"),
            entry("invalid-bfd-multihop-without-source.yml",
                    ":6: links[0].probes[0].multihop: a multihop session needs the link's source address "
                            + "(RFC 5883 demultiplexes on it): set links[].source"),
            entry("invalid-bfd-multiplier.yml",
                    ":6: links[0].probes[0].multiplier: must be between 1 and 255 (got 0)"),
            entry("invalid-listen-port.yml",
                    ":2: agent.listen: port must be between 1 and 65535 (got \"0\")"),
            entry("invalid-missing-peer.yml",
                    ":2: links[0].peer: required key is missing"),
            entry("invalid-missing-probe-type.yml",
                    ":5: links[0].probes[0].type: required key is missing (one of: icmp, tcp, bfd, pmtu)"),
            entry("invalid-multiple-documents.yml",
                    ":6: (yaml): expected a single document in the stream, but found another document"),
            entry("invalid-no-links.yml",
                    ":1: links: at least one link is required"),
            entry("invalid-node-name.yml",
                    ":2: agent.node: not a valid node name: \"la edge 1\" (use 1 to 253 letters, digits, "
                            + "'.', '_' or '-', starting with a letter or digit)"),
            entry("invalid-paths-duplicate-name.yml",
                    ":12: links[0].paths[1].name: duplicate path name \"tunnel\" (first at line 7)"),
            entry("invalid-paths-name.yml",
                    ":12: links[0].paths[1].name: not a valid path name: \"Proxy 1\" (use 1 to 63 lowercase "
                            + "letters, digits, '.', '_' or '-', starting with a letter or digit)"),
            entry("invalid-paths-no-actions.yml",
                    ":8: links[0].paths[0].actions: at least one action is required"),
            entry("invalid-paths-only-one.yml",
                    ":6: links[0].paths: at least 2 paths are required: the primary (the tunnel) first, then "
                            + "the backup"),
            entry("invalid-peer-multicast.yml",
                    ":3: links[0].peer: must be a unicast address (got 224.0.0.1)"),
            entry("invalid-peer-not-ip.yml",
                    ":4: links[0].peer: not an IP address: \"example.com\" (DNS names are not accepted)"),
            entry("invalid-peer-scoped.yml",
                    ":3: links[0].peer: scoped addresses are not accepted: \"fe80::2%gre-sg\" "
                            + "(remove the %scope and set interface instead)"),
            entry("invalid-peer-short-ipv4.yml",
                    ":3: links[0].peer: not a valid IPv4 address: \"10.2\" (expected four decimal numbers "
                            + "0-255 without leading zeros, e.g. 10.255.0.2)"),
            entry("invalid-pmtu-duplicate.yml",
                    ":6: links[0].probes[1].type: duplicate pmtu probe on this link (first at line 5)"),
            entry("invalid-pmtu-expected-above-max.yml",
                    ":6: links[0].probes[0].expected: must not exceed max (got expected 1400, max 1300)"),
            entry("invalid-pmtu-expected-too-small.yml",
                    ":6: links[0].probes[0].expected: must be between 68 and 65535 for an IPv4 peer (got 40)"),
            entry("invalid-quoted-number.yml",
                    ":6: links[0].probes[0].port: must be a number, not a quoted string (got \"443\")"),
            entry("invalid-route-no-prefixes.yml",
                    ":10: links[0].paths[0].actions[0].prefixes: at least one prefix is required"),
            entry("invalid-route-no-via-or-dev.yml",
                    ":9: links[0].paths[0].actions[0]: a route action needs via or dev (or both)"),
            entry("invalid-route-prefix-family.yml",
                    ":12: links[0].paths[0].actions[0].prefixes[1]: must be the same address family as the "
                            + "first prefix (this is IPv6, 10.20.0.0/16 is IPv4)"),
            entry("invalid-route-prefix-host-bits.yml",
                    ":10: links[0].paths[0].actions[0].prefixes[0]: host bits are set: write 10.20.0.0/16 "
                            + "(got 10.20.0.1/16)"),
            entry("invalid-route-prefix-length.yml",
                    ":10: links[0].paths[0].actions[0].prefixes[0]: prefix length must be between 0 and 32 "
                            + "for IPv4 (got \"33\")"),
            entry("invalid-route-prefix-no-length.yml",
                    ":10: links[0].paths[0].actions[0].prefixes[0]: not a prefix: \"10.20.0.0\" (expected "
                            + "address/length, e.g. 10.20.0.0/16)"),
            entry("invalid-route-table.yml",
                    ":12: links[0].paths[0].actions[0].table: must be a table name or a number between 1 and "
                            + "4294967295 (got \"0\")"),
            entry("invalid-route-via-family.yml",
                    ":11: links[0].paths[0].actions[0].via: must be the same address family as the prefixes "
                            + "(via is IPv6, prefixes are IPv4)"),
            entry("invalid-size.yml",
                    ":6: links[0].probes[0].size: must be between 0 and 65507 for an IPv4 peer (got 65508)"),
            entry("invalid-state-directory.yml",
                    ":2: agent.state_directory: must be an absolute path (got \"var/lib/linkguard\")"),
            entry("invalid-tcp-port-missing.yml",
                    ":5: links[0].probes[0].port: required key is missing"),
            entry("invalid-tcp-port-range.yml",
                    ":6: links[0].probes[0].port: must be between 1 and 65535 (got 70000)"),
            entry("invalid-timeout-ge-interval.yml",
                    ":8: links[0].probes[0].timeout: must be less than the interval (got timeout 5s, interval 5s)"),
            entry("invalid-timeout-too-long.yml",
                    ":6: links[0].probes[0].timeout: must be at most 60s (got 90s)"),
            entry("invalid-top-level-not-mapping.yml",
                    ":1: (top level): expected a mapping of keys to values, got a list"),
            entry("invalid-tos.yml",
                    ":6: links[0].probes[0].tos: must be between 0 and 255 (got 256)"),
            entry("invalid-unknown-key.yml",
                    ":3: agent.lisen: unknown key (expected one of: listen, node, state_directory)"),
            entry("invalid-unknown-probe-key.yml",
                    ":7: links[0].probes[0].size: unknown key for a tcp probe "
                            + "(expected one of: type, port, interval, timeout)"),
            entry("invalid-unknown-probe-type.yml",
                    ":5: links[0].probes[0].type: unknown probe type \"http\" (expected one of: icmp, tcp, bfd, pmtu)"),
            entry("invalid-window.yml",
                    ":6: links[0].probes[0].window: must be between 10 and 100000 (got 5)"),
            entry("invalid-wrong-node-type.yml",
                    ":3: links[0].peer: expected a single value, got a list"),
            entry("invalid-yaml-syntax.yml",
                    ":7: (yaml): while parsing a flow sequence started at line 6, expected ',' or ']', but got :"));

    /**
     * Files the fixtures name by absolute path. Git keeps no file modes (beyond the executable bit), so they
     * are written here, with the modes the rules are about.
     */
    static final Path FIXTURE_FILES = Path.of("/tmp/linkguard-fixtures");

    @BeforeAll
    static void writeFixtureFiles() throws IOException {
        Files.createDirectories(FIXTURE_FILES);
        fixtureFile("telegram-token-0640", "123456:fixture-token", "rw-r-----");
        fixtureFile("telegram-token-0600", "123456:fixture-token", "rw-------");
        fixtureFile("webhook-url-http", "http://hooks.example.net/in/fixture-token", "rw-------");
        fixtureFile("webhook-secret-0600", "fixture-hmac-key", "rw-------");
    }

    private static void fixtureFile(String name, String value, String mode) throws IOException {
        Path f = FIXTURE_FILES.resolve(name);
        Files.writeString(f, value + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
    }

    static Stream<String> fixtures() {
        return EXPECTED.keySet().stream().sorted();
    }

    /** The message is {@code FILE:LINE: KEY: MESSAGE}, or {@code FILE: KEY: MESSAGE} without a line. */
    private static String expectedMessage(String file, String fixture) {
        String rest = EXPECTED.get(fixture);
        return file + (rest.startsWith(":") ? rest : ": " + rest);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void fixtureIsRejectedWithExactlyThisMessage(String fixture) throws Exception {
        Path file = ConfigLoaderTest.fixture(fixture);
        String yaml = Files.readString(file);

        assertThatThrownBy(() -> ConfigLoader.parse(yaml, fixture))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).hasSize(1))
                .hasMessage(expectedMessage(fixture, fixture));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void loadReportsTheSameMessageWithThePathAsGiven(String fixture) throws Exception {
        Path file = ConfigLoaderTest.fixture(fixture);

        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessage(expectedMessage(file.toString(), fixture));
    }

    @Test
    void everyInvalidFixtureHasAnExpectedMessage() throws Exception {
        Path dir = ConfigLoaderTest.fixture("valid-full.yml").getParent();
        Set<String> onDisk = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith("invalid-"))
                    .forEach(onDisk::add);
        }

        assertThat(onDisk).allMatch(name -> name.endsWith(".yml"), "fixtures end in .yml");
        assertThat(onDisk).containsExactlyInAnyOrderElementsOf(new TreeSet<>(EXPECTED.keySet()));
    }
}

package io.linkguard.agent.config;

import io.linkguard.alerts.config.AlertsConfig;
import io.linkguard.alerts.config.AlertsParser;
import io.linkguard.config.Json;
import io.linkguard.config.Key;
import io.linkguard.config.Section;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated linkguard configuration, as read by {@link ConfigLoader}.
 *
 * <h2>File format</h2>
 *
 * A YAML document (UTF-8, at most 1 MiB):
 *
 * <pre>{@code
 * agent:                         # optional section
 *   listen: 127.0.0.1:18784      # HTTP server (/metrics): IP:port. Default 127.0.0.1:18784.
 *                                #   IPv6 in brackets and quotes: "[::1]:18784". No host names.
 *   node: la-edge-1              # node name for labels and alerts; default: the kernel host name.
 *                                #   1..253 of [A-Za-z0-9_.-], starting with a letter or digit.
 *   state_directory: /var/lib/linkguard  # state kept across restarts (the alert spool, under alerts/);
 *                                #   absolute. Default: $STATE_DIRECTORY (set by systemd's StateDirectory=)
 *                                #   if set, else /var/lib/linkguard. Only used when alerts: is present.
 * links:                         # required, at least one
 *   - name: la-sg                # required, unique; [a-z0-9][a-z0-9_.-]{0,62} (a Prometheus label value)
 *     peer: 10.255.0.2           # required; IPv4 (dotted quad) or IPv6 literal, unicast, no %scope.
 *                                #   DNS names are rejected: a monitor must not depend on DNS.
 *     source: 10.255.0.1         # optional; unicast IP literal of the same family as peer
 *     interface: gre-sg          # optional; Linux ifname, 1..15 chars, no '/', ':' or whitespace
 *                                #   (SO_BINDTODEVICE)
 *     fwmark: 0x64               # optional; 1..0xFFFFFFFF, decimal or 0x hex (SO_MARK)
 *     probes:                    # required, at least one
 *       - type: icmp             # ICMP echo
 *         interval: 1s           # default 1s; 10ms..1h
 *         timeout: 2s            # default 2s; 10ms..60s; may exceed the interval
 *         size: 56               # payload bytes, default 56; 0..65507 (IPv4 peer), 0..65527 (IPv6 peer)
 *         df: false              # don't fragment, default false
 *         tos: 0                 # IPv4 TOS / IPv6 traffic class, 0..255, default 0
 *         window: 100            # probes in the loss window, default 100; 10..100000
 *       - type: tcp              # TCP connect; at most one tcp probe per port and link
 *         port: 443              # required; 1..65535
 *         interval: 5s           # default 5s; 100ms..1h
 *         timeout: 2s            # default 2s; 10ms..60s; must be less than the interval
 * alerts:                        # optional; absent = no alerting (and no state directory needed)
 *   group_window: 2s             # events within this time of a group's first are sent as one message;
 *                                #   default 2s, 0s..1m. A group waits longer while the channel is rate
 *                                #   limited or retrying, and keeps collecting.
 *   group_max: 20                # events per message, default 20, 1..100; a full group is sent at once
 *   spool:                       # per channel, under <state_directory>/alerts/<channel>/
 *     max_messages: 1000         # default 1000, 1..100000; past it the oldest messages are dropped
 *     max_bytes: 16777216        # default 16 MiB, 64 KiB..1 GiB
 *   channels:                    # required, at least one
 *     - name: ops-slack          # required, unique; same rule as link names (a Prometheus label value)
 *       type: slack              # slack | telegram | webhook | alertmanager
 *       url_file: /etc/linkguard/slack-url   # Slack incoming webhook URL: url_file or url_env
 *       rate_limit: 1/s          # N/s, N/min, N/h or N/<n><unit> (5/10s); defaults: slack 1/s,
 *                                #   telegram 20/min, webhook 60/min, alertmanager 10/s
 *       burst: 3                 # token bucket size; defaults: slack 3, telegram 3, webhook 10, alertmanager 10
 *       retry_initial: 1s        # backoff ceiling of the first retry (doubles per attempt, full jitter);
 *                                #   default 1s, 10ms..1m
 *       retry_max: 5m            # backoff cap, default 5m, 1s..1h. Retry-After and Telegram's
 *                                #   retry_after are honoured on top. Retries never give up; a 3xx,
 *                                #   or a 4xx other than 408/425/429, drops the message (counted).
 *       template: "{{title}}: {{reason}}"   # optional: one event's text; placeholders
 *                                #   {{kind}} {{severity}} {{link}} {{state}} {{reason}} {{at}} {{since}}
 *                                #   {{node}} {{title}} {{figures}} and the figures {{rtt_ms}} {{loss_pct}}
 *                                #   {{jitter_ms}} {{bfd_diag}} {{bfd_peer}} {{active_path}} {{pmtu_bytes}}
 *                                #   {{expected_mtu_bytes}} {{ptb_seen}} {{black_hole}}
 *                                #   (absent figures render as -). Values are escaped for the channel;
 *                                #   the literal text may use its markup (Telegram: <b> <i> <code> <pre>).
 *       events: [link_state, failover, action_failed, bfd_down, pmtu_drop]
 *                                # optional: the kinds of problem this channel hears of; default all
 *       min_severity: info       # info | warning | critical; default info. Severities: link down, BFD down,
 *                                #   action failed critical; degraded, failover, PMTU drop warning.
 *                                #   The end of a problem (resolved, failback, bfd_up) is sent exactly when
 *                                #   its start (link_state, failover, bfd_down) was, whatever its severity;
 *                                #   once a channel heard of a problem it hears its updates too.
 *     - name: oncall-tg
 *       type: telegram
 *       base_url: https://api.telegram.org   # default; inline (not secret), https (http only to loopback)
 *       token_env: TELEGRAM_BOT_TOKEN        # bot token: token_file or token_env
 *       chat_id: "-1001234567890"            # required: a chat id or @channelusername
 *     - name: noc-hook
 *       type: webhook             # POST JSON, X-Linkguard-Signature: sha256=HMAC(secret, "<ts>.<body>"),
 *       url_env: NOC_WEBHOOK_URL  #   Idempotency-Key, X-Linkguard-Timestamp. URL: url_file or url_env
 *       secret_file: /etc/linkguard/hook-secret   # HMAC key: secret_file or secret_env
 *     - name: am
 *       type: alertmanager        # POST {url}/api/v2/alerts
 *       url: http://127.0.0.1:9093   # inline (not secret; no user:password@ in it), or url_file/url_env
 *       repeat_interval: 1m       # firing alerts are re-posted this often, default 1m, 5s..1h; keep it
 *                                 #   below Alertmanager's resolve_timeout (default 5m). LinkDown/Degraded,
 *                                 #   FailoverActive and BfdDown fire until resolved; ActionFailed and
 *                                 #   PathMtuDrop are one-shots that end after 1h.
 * }</pre>
 *
 * <p>Secrets (the Slack and webhook URLs, the Telegram token, the HMAC key) are never written in the
 * config: {@code *_file} names a readable file (absolute path; surrounding whitespace is stripped) that
 * gives group and others no access at all (mode {@code & 077 == 0}: 0600, 0400 or stricter; checked at
 * load and again whenever it is read), {@code *_env} an environment variable. Both are checked when the
 * config is loaded and read when the agent starts; they never appear in logs, metrics or {@code /status}.
 * URLs that carry a token (Slack's, a webhook's, Telegram's {@code base_url}) must be {@code https://};
 * {@code http://} is accepted only to a loopback address (127.0.0.0/8, ::1, localhost).
 *
 * <p>Rules applying everywhere:
 * <ul>
 *   <li>Unknown keys and duplicate keys are errors.
 *   <li>Durations are a whole number and a unit: {@code us}, {@code ms}, {@code s}, {@code m},
 *       {@code h} (e.g. {@code 500ms}). Fractions ({@code 1.5s}: write {@code 1500ms}) and bare
 *       numbers are errors.
 *   <li>Numbers are written unquoted, in decimal (no leading zeros) or {@code 0x} hex.
 *   <li>Booleans are {@code true} or {@code false}, unquoted; {@code yes}, {@code on} etc. are errors.
 *   <li>A list or mapping where a single value is expected (and vice versa) is an error.
 *   <li>An empty {@code agent:} section means all defaults.
 *   <li>Bounds: the file at most 1 MiB; any value at most 16384 characters; any list or mapping at
 *       most 4096 entries; the document with every alias expanded at most 8 MiB; aliases of lists or
 *       mappings at most 10, none back into itself; nesting at most 20 deep. An exec action's
 *       {@code argv} at most 256 arguments and 128 KiB together, its {@code env:} at most 64
 *       variables and 32 KiB together.
 * </ul>
 *
 * <p>Errors are reported all at once, sorted by line, as
 * {@code FILE:LINE: KEY: MESSAGE}, e.g.
 * {@code linkguard.yml:7: links[0].probes[1].interval: must be at least 10ms (got 5ms)}.
 *
 * @param agent  the {@code agent:} section, with defaults applied
 * @param links  the links to monitor, in file order, at least one
 * @param alerts the {@code alerts:} section; empty when absent (no alerting)
 * @param source where the config came from: the file name, or {@value ConfigLoader#EMBEDDED_DEFAULT_SOURCE}
 */
public record Config(AgentConfig agent, List<LinkConfig> links, Optional<AlertsConfig> alerts, String source) {

    public Config {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(source, "source");
        links = List.copyOf(links);
    }

    static final Key<AgentConfig> AGENT = Key.of("agent", null, ConfigLoader::agent, Json.nullable(AgentConfig.SECTION.schema()),
            "settings of the agent process itself; empty: all defaults");
    static final Key<List<LinkConfig>> LINKS = Key.of("links", null,
            (field, problems) -> Optional.of(new LinkParser(problems).parseAll(field)),
            Key.listOf(LinkConfig.SECTION.schema(), 1), "the links to monitor, at least one");
    /** Read by {@link ConfigLoader}, which passes the environment for the secrets' {@code *_env}. */
    static final Key<AlertsConfig> ALERTS = Key.<AlertsConfig>of("alerts", null, null, AlertsParser.schema(),
            "where alerts go; absent: no alerting").readByCaller();
    static final Section SECTION = new Section("", AGENT, LINKS, ALERTS);

    /** The JSON Schema (draft 2020-12) of the config file, from the same declarations the loader reads. */
    public static String jsonSchema() {
        Map<String, Object> schema = Json.object("$schema", "https://json-schema.org/draft/2020-12/schema",
                "title", "linkguard config", "description", "Generated by linkguard config-schema. Rules between keys"
                        + " (e.g. timeout < interval) are checked by linkguard check-config only.");
        schema.putAll(SECTION.schema());
        schema.put("required", List.of(LINKS.name()));
        return Json.write(schema);
    }

    /** Without alerting. */
    public Config(AgentConfig agent, List<LinkConfig> links, String source) {
        this(agent, links, Optional.empty(), source);
    }

    /** The link called {@code name}. */
    public Optional<LinkConfig> link(String name) {
        return links.stream().filter(link -> link.name().equals(name)).findFirst();
    }
}

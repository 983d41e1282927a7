package io.linkguard.alerts.config;

import io.linkguard.config.Durations;
import io.linkguard.config.Key;
import io.linkguard.config.SecretRef;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One alert channel of {@code alerts.channels}. Secrets (webhook URLs, bot tokens, HMAC keys) are
 * {@link SecretRef}s: where to read them at start, never the value.
 */
public sealed interface ChannelConfig {

    /** The channel's name: a metric label value and the spool directory's name. */
    String name();

    /** {@code slack}, {@code telegram}, {@code webhook} or {@code alertmanager}. */
    String type();

    /** Rate limit and retry timing. */
    Delivery delivery();

    /** The operator's template for one event's text, if any. */
    Optional<MessageTemplate> template();

    /** Which events this channel is sent. */
    ChannelFilter filter();

    /**
     * A Slack incoming webhook.
     *
     * @param url the webhook URL ({@code https://hooks.slack.com/services/...}): a secret
     */
    record Slack(String name, SecretRef url, Delivery delivery, Optional<MessageTemplate> template,
                 ChannelFilter filter) implements ChannelConfig {
        public static final String TYPE = "slack";
        static final List<Key<?>> KEYS = secretKeys("url", "the incoming webhook URL");

        public Slack {
            requireAll(name, url, delivery, template, filter);
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * Telegram Bot API {@code sendMessage}.
     *
     * @param baseUrl the Bot API server, default {@code https://api.telegram.org}; not secret
     * @param token   the bot token: a secret (it is part of the request path)
     * @param chatId  a chat id ({@code -1001234567890}) or a channel username ({@code @ops})
     */
    record Telegram(String name, URI baseUrl, SecretRef token, String chatId, Delivery delivery,
                    Optional<MessageTemplate> template, ChannelFilter filter) implements ChannelConfig {
        public static final String TYPE = "telegram";
        public static final URI DEFAULT_BASE_URL = URI.create("https://api.telegram.org");
        static final List<Key<?>> KEYS = Stream.concat(Stream.of(Key.text("base_url", DEFAULT_BASE_URL.toString(),
                        "the Bot API server, inline (not secret); https, http only to loopback").readByCaller()),
                Stream.concat(secretKeys("token", "the bot token").stream(), Stream.of(Key.text("chat_id", null,
                        "a chat id (\"-1001234567890\", quoted) or @channelusername").readByCaller().required())))
                .toList();

        public Telegram {
            requireAll(name, baseUrl, token, chatId, delivery, template, filter);
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * A generic JSON webhook, signed with HMAC-SHA256.
     *
     * @param url    the URL to POST to: treated as a secret, since such URLs often carry a token
     * @param secret the HMAC key
     */
    record Webhook(String name, SecretRef url, SecretRef secret, Delivery delivery,
                   Optional<MessageTemplate> template, ChannelFilter filter) implements ChannelConfig {
        public static final String TYPE = "webhook";
        static final List<Key<?>> KEYS = Stream.concat(secretKeys("url", "the URL to POST JSON to").stream(),
                secretKeys("secret", "the HMAC key: X-Linkguard-Signature is sha256=HMAC(secret, \"<ts>.<body>\")").stream()).toList();

        public Webhook {
            requireAll(name, url, secret, delivery, template, filter);
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * Alertmanager's {@code /api/v2/alerts}.
     *
     * @param url            Alertmanager's base URL, inline (not secret) or from a file or variable
     * @param repeatInterval how often firing alerts are posted again, so Alertmanager does not resolve
     *                       them on its own after its {@code resolve_timeout}
     */
    record Alertmanager(String name, SecretRef url, Duration repeatInterval, Delivery delivery,
                        Optional<MessageTemplate> template, ChannelFilter filter) implements ChannelConfig {
        public static final String TYPE = "alertmanager";
        public static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofMinutes(1);
        static final Key<Duration> REPEAT_INTERVAL = Key.duration("repeat_interval", DEFAULT_REPEAT_INTERVAL,
                Duration.ofSeconds(5), Duration.ofHours(1), "firing alerts are posted again this often; keep it below"
                        + " Alertmanager's resolve_timeout. LinkDown/Degraded, FailoverActive and BfdDown fire until"
                        + " resolved; ActionFailed and PathMtuDrop end after 1h");
        static final List<Key<?>> KEYS = Stream.concat(Stream.concat(Stream.of(Key.text("url", null,
                        "Alertmanager's base URL, inline (not secret; no user:password@)").readByCaller()),
                secretKeys("url", "Alertmanager's base URL").stream()), Stream.of(REPEAT_INTERVAL)).toList();

        public Alertmanager {
            requireAll(name, url, repeatInterval, delivery, template, filter);
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * How fast a channel may send and how it retries.
     *
     * @param rate         the token bucket's refill: {@code tokens} requests per {@code per}
     * @param burst        the bucket's size: requests that may go out back to back
     * @param retryInitial the first retry's backoff ceiling; it doubles per failed attempt
     * @param retryMax     the backoff ceiling's cap
     */
    record Delivery(RateLimit rate, int burst, Duration retryInitial, Duration retryMax) {
        public static final Duration DEFAULT_RETRY_INITIAL = Duration.ofSeconds(1);
        public static final Duration DEFAULT_RETRY_MAX = Duration.ofMinutes(5);
        static final Key<String> RATE_LIMIT = Key.text("rate_limit", null, "N/s, N/min, N/h or N/<n><unit> (5/10s);"
                + " default: slack 1/s, telegram 20/min, webhook 60/min, alertmanager 10/s").readByCaller();
        static final Key<Integer> BURST = Key.integer("burst", null, 1, 1000,
                "token bucket size; default: slack 3, telegram 3, webhook 10, alertmanager 10");
        static final Key<Duration> RETRY_INITIAL = Key.duration("retry_initial", DEFAULT_RETRY_INITIAL,
                Duration.ofMillis(10), Duration.ofMinutes(1),
                "backoff ceiling of the first retry; doubles per attempt, full jitter");
        static final Key<Duration> RETRY_MAX = Key.duration("retry_max", DEFAULT_RETRY_MAX, Duration.ofSeconds(1),
                Duration.ofHours(1), "backoff cap; Retry-After is honoured on top; retries never give up,"
                        + " but a 3xx, or a 4xx other than 408/425/429, drops the message (counted)");
        static final List<Key<?>> KEYS = List.of(RATE_LIMIT, BURST, RETRY_INITIAL, RETRY_MAX);

        public Delivery {
            Objects.requireNonNull(rate, "rate");
            Objects.requireNonNull(retryInitial, "retryInitial");
            Objects.requireNonNull(retryMax, "retryMax");
            if (burst < 1) {
                throw new IllegalArgumentException("burst < 1: " + burst);
            }
        }
    }

    /** {@code tokens} per {@code per}, e.g. 20 per minute. */
    record RateLimit(int tokens, Duration per) {
        public RateLimit {
            Objects.requireNonNull(per, "per");
            if (tokens < 1 || per.isNegative() || per.isZero()) {
                throw new IllegalArgumentException("rate limit must be positive: " + tokens + "/" + per);
            }
        }

        @Override
        public String toString() {
            return tokens + "/" + Durations.format(per);
        }
    }

    /** {@code BASE_file} and {@code BASE_env}: a secret is never written in the config. */
    private static List<Key<?>> secretKeys(String base, String doc) {
        return List.of(Key.text(base + "_file", null, doc + ": a file, mode 0600 or stricter").readByCaller(),
                Key.text(base + "_env", null, doc + ": an environment variable").readByCaller());
    }

    private static void requireAll(Object... values) {
        for (Object v : values) {
            Objects.requireNonNull(v);
        }
    }
}

package io.linkguard.alerts.config;

import io.linkguard.config.Durations;
import io.linkguard.config.SecretRef;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

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

    private static void requireAll(Object... values) {
        for (Object v : values) {
            Objects.requireNonNull(v);
        }
    }
}

package io.linkguard.agent.alert;

import io.linkguard.agent.config.AlertsConfig;
import io.linkguard.agent.config.ChannelConfig;
import io.linkguard.agent.config.ChannelFilter;
import io.linkguard.agent.config.SecretRef;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Alert configs for tests; secrets go through files, as an operator's would. */
final class Configs {
    static final java.util.Set<java.nio.file.attribute.PosixFilePermission> OWNER_ONLY =
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");

    private Configs() {
    }

    static ChannelConfig.Delivery delivery(int perSecond, int burst, Duration retryInitial, Duration retryMax) {
        return new ChannelConfig.Delivery(new ChannelConfig.RateLimit(perSecond, Duration.ofSeconds(1)), burst,
                retryInitial, retryMax);
    }

    /** Fast: 20/s, burst 20, retries from 50ms up to 1s. */
    static ChannelConfig.Delivery fast() {
        return delivery(20, 20, Duration.ofMillis(50), Duration.ofSeconds(1));
    }

    static SecretRef secretFile(Path dir, String name, String value) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, value + "\n");
        Files.setPosixFilePermissions(f, OWNER_ONLY); // a secret file must give group and others nothing
        return new SecretRef(SecretRef.Kind.FILE, f.toString(), "test.yml:9: alerts.channels[0]." + name);
    }

    static ChannelConfig.Slack slack(Path dir, String name, String url, ChannelConfig.Delivery d) throws IOException {
        return new ChannelConfig.Slack(name, secretFile(dir, name + "-url_file", url), d, Optional.empty(),
                ChannelFilter.ALL);
    }

    static ChannelConfig.Telegram telegram(Path dir, String name, String baseUrl, String token,
                                           ChannelConfig.Delivery d) throws IOException {
        return new ChannelConfig.Telegram(name, URI.create(baseUrl), secretFile(dir, name + "-token_file", token),
                "-1001234567890", d, Optional.empty(), ChannelFilter.ALL);
    }

    static ChannelConfig.Webhook webhook(Path dir, String name, String url, String secret, ChannelConfig.Delivery d)
            throws IOException {
        return new ChannelConfig.Webhook(name, secretFile(dir, name + "-url_file", url),
                secretFile(dir, name + "-secret_file", secret), d, Optional.empty(), ChannelFilter.ALL);
    }

    static ChannelConfig.Webhook filtered(ChannelConfig.Webhook w, ChannelFilter filter) {
        return new ChannelConfig.Webhook(w.name(), w.url(), w.secret(), w.delivery(), w.template(), filter);
    }

    static ChannelConfig.Alertmanager alertmanager(String name, String url, Duration repeat, ChannelConfig.Delivery d) {
        return new ChannelConfig.Alertmanager(name, new SecretRef(SecretRef.Kind.INLINE, url, "test.yml:9: url"),
                repeat, d, Optional.empty(), ChannelFilter.ALL);
    }

    static AlertsConfig alerts(Duration window, int groupMax, AlertsConfig.Spool spool, ChannelConfig... channels) {
        return new AlertsConfig(window, groupMax, spool, List.of(channels));
    }

    static AlertsConfig alerts(Duration window, ChannelConfig... channels) {
        return alerts(window, 20, AlertsConfig.Spool.DEFAULTS, channels);
    }
}

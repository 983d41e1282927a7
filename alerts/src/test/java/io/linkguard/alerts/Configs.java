package io.linkguard.alerts;

import io.linkguard.alerts.config.AlertsConfig;
import io.linkguard.alerts.config.ChannelConfig;
import io.linkguard.alerts.config.ChannelFilter;
import io.linkguard.config.SecretRef;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Alert configs for tests; secrets go through files, as an operator's would. */
public final class Configs {
    public static final java.util.Set<java.nio.file.attribute.PosixFilePermission> OWNER_ONLY =
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");

    private Configs() {
    }

    public static ChannelConfig.Delivery delivery(int perSecond, int burst, Duration retryInitial, Duration retryMax) {
        return new ChannelConfig.Delivery(new ChannelConfig.RateLimit(perSecond, Duration.ofSeconds(1)), burst,
                retryInitial, retryMax);
    }

    /** Fast: 20/s, burst 20, retries from 50ms up to 1s. */
    public static ChannelConfig.Delivery fast() {
        return delivery(20, 20, Duration.ofMillis(50), Duration.ofSeconds(1));
    }

    public static SecretRef secretFile(Path dir, String name, String value) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, value + "\n");
        Files.setPosixFilePermissions(f, OWNER_ONLY); // a secret file must give group and others nothing
        return new SecretRef(SecretRef.Kind.FILE, f.toString(), "test.yml:9: alerts.channels[0]." + name);
    }

    public static ChannelConfig.Slack slack(Path dir, String name, String url, ChannelConfig.Delivery d) throws IOException {
        return new ChannelConfig.Slack(name, secretFile(dir, name + "-url_file", url), d, Optional.empty(),
                ChannelFilter.ALL);
    }

    public static ChannelConfig.Telegram telegram(Path dir, String name, String baseUrl, String token,
                                           ChannelConfig.Delivery d) throws IOException {
        return new ChannelConfig.Telegram(name, URI.create(baseUrl), secretFile(dir, name + "-token_file", token),
                "-1001234567890", d, Optional.empty(), ChannelFilter.ALL);
    }

    public static ChannelConfig.Webhook webhook(Path dir, String name, String url, String secret, ChannelConfig.Delivery d)
            throws IOException {
        return new ChannelConfig.Webhook(name, secretFile(dir, name + "-url_file", url),
                secretFile(dir, name + "-secret_file", secret), d, Optional.empty(), ChannelFilter.ALL);
    }

    public static ChannelConfig.Webhook filtered(ChannelConfig.Webhook w, ChannelFilter filter) {
        return new ChannelConfig.Webhook(w.name(), w.url(), w.secret(), w.delivery(), w.template(), filter);
    }

    public static ChannelConfig.Alertmanager alertmanager(String name, String url, Duration repeat, ChannelConfig.Delivery d) {
        return new ChannelConfig.Alertmanager(name, new SecretRef(SecretRef.Kind.INLINE, url, "test.yml:9: url"),
                repeat, d, Optional.empty(), ChannelFilter.ALL);
    }

    public static AlertsConfig alerts(Duration window, int groupMax, AlertsConfig.Spool spool, ChannelConfig... channels) {
        return new AlertsConfig(window, groupMax, spool, List.of(channels));
    }

    public static AlertsConfig alerts(Duration window, ChannelConfig... channels) {
        return alerts(window, 20, AlertsConfig.Spool.DEFAULTS, channels);
    }
}

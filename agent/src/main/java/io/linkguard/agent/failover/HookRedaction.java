package io.linkguard.agent.failover;

import io.linkguard.alerts.Redactor;
import io.linkguard.alerts.config.AlertsConfig;
import io.linkguard.alerts.config.ChannelConfig;
import io.linkguard.config.SecretRef;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Masks every configured channel secret (and, via {@link Redactor}, any URL or bot token) in what a
 * hook or {@code ip} printed and in its argv, before the text becomes an {@link ActionResult}, which
 * the journal, /status, metrics and the {@code action_failed} alert all read. Shared by every action
 * of the agent and updated in place when a reload changes the alert channels.
 */
public final class HookRedaction {
    private volatile Redactor redactor = Redactor.of(List.of());

    /** Rebuilds the mask from the secrets of {@code alerts}; a secret that cannot be read is skipped. */
    public void update(Optional<AlertsConfig> alerts, Map<String, String> env) {
        List<String> values = new ArrayList<>();
        for (ChannelConfig c : alerts.map(AlertsConfig::channels).orElse(List.of())) {
            for (SecretRef ref : secrets(c)) {
                try {
                    values.add(ref.read(env));
                } catch (IOException e) {
                    // the alert dispatcher reports it; a secret nobody could read cannot leak either
                }
            }
        }
        redactor = Redactor.of(values);
    }

    /** {@link #update(Optional, Map)} with the agent's environment. */
    public void update(Optional<AlertsConfig> alerts) {
        update(alerts, System.getenv());
    }

    /** {@code text} with the current secrets masked; also what Loops prints goes through it (see Agent). */
    public String apply(String text) {
        return redactor.apply(text);
    }

    /** How many characters at the end of {@code text} could be the start of a secret (see {@link Redactor}). */
    int partialSecretAtEnd(String text) {
        return redactor.partialSecretAtEnd(text);
    }

    private static List<SecretRef> secrets(ChannelConfig c) {
        List<SecretRef> refs = switch (c) {
            case ChannelConfig.Slack s -> List.of(s.url());
            case ChannelConfig.Telegram t -> List.of(t.token());
            case ChannelConfig.Webhook w -> List.of(w.url(), w.secret());
            case ChannelConfig.Alertmanager a -> List.of(a.url());
        };
        return refs.stream().filter(SecretRef::isSecret).toList();
    }
}

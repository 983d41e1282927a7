package io.linkguard.alerts;

import io.linkguard.alerts.config.ChannelConfig;
import io.linkguard.config.SecretRef;
import io.linkguard.alerts.config.TokenUrls;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Builds a {@link Channel} from its config, reading its secrets now. */
final class ChannelFactory {

    /**
     * A channel's secrets, read and checked, and how to make the channel from them. The channel is made
     * only when its thread is about to start ({@link #channel}): Alertmanager's loads its firing set from
     * the store then, after an earlier dispatcher on the same spool has stopped writing it.
     *
     * @param secrets the secret values read (for the {@link Redactor})
     */
    record Built(String name, Function<AlertmanagerChannel.Store, Channel> factory, List<String> secrets) {
        Channel channel(AlertmanagerChannel.Store state) {
            return factory.apply(state);
        }
    }

    private ChannelFactory() {
    }

    /**
     * Reads and checks the secrets of {@code config}; everything that can fail, fails here.
     *
     * @throws IOException naming the config key when a secret cannot be read or is not what it should be;
     *                     never containing the secret
     */
    static Built build(ChannelConfig config, String node) throws IOException {
        List<String> secrets = new ArrayList<>();
        Function<AlertmanagerChannel.Store, Channel> factory = switch (config) {
            case ChannelConfig.Slack s -> {
                URI url = tokenUrl(s.url(), secrets);
                yield state -> new SlackChannel(s.name(), url, node, s.template());
            }
            case ChannelConfig.Telegram t -> {
                URI base = baseUrl(t);
                String token = token(t.token(), secrets);
                yield state -> new TelegramChannel(t.name(), base, token, t.chatId(), node, t.template());
            }
            case ChannelConfig.Webhook w -> {
                URI url = tokenUrl(w.url(), secrets);
                String key = read(w.secret(), secrets);
                yield state -> new WebhookChannel(w.name(), url, key, node, w.template());
            }
            case ChannelConfig.Alertmanager a -> {
                URI url = url(a.url(), secrets);
                yield state -> new AlertmanagerChannel(a.name(), url, a.repeatInterval(), node, a.template(), state);
            }
        };
        return new Built(config.name(), factory, List.copyOf(secrets));
    }

    /** Keeps the firing set of an Alertmanager channel in its spool directory. */
    static AlertmanagerChannel.Store fileStore(Path dir) {
        return new AlertmanagerChannel.Store() {
            @Override
            public Optional<byte[]> load() throws IOException {
                try {
                    return Optional.of(java.nio.file.Files.readAllBytes(dir.resolve("firing.json")));
                } catch (java.nio.file.NoSuchFileException e) {
                    return Optional.empty();
                }
            }

            @Override
            public void save(byte[] bytes) throws IOException {
                java.nio.file.Files.createDirectories(dir);
                DurableFiles.write(dir, "firing.json", bytes);
            }
        };
    }

    private static String read(SecretRef ref, List<String> secrets) throws IOException {
        String value = ref.read();
        if (ref.isSecret()) {
            secrets.add(value);
        }
        return value;
    }

    /** A URL that carries a token (Slack's, a signed webhook's): {@code https://} unless to loopback. */
    private static URI tokenUrl(SecretRef ref, List<String> secrets) throws IOException {
        URI uri = url(ref, secrets);
        Optional<String> problem = TokenUrls.secretProblem(uri, ref);
        if (problem.isPresent()) {
            throw new IOException(ref.origin() + ": " + problem.get());
        }
        return uri;
    }

    /** The bot token goes into this URL's path: {@code https://} unless to loopback (checked at load too). */
    private static URI baseUrl(ChannelConfig.Telegram t) throws IOException {
        if (TokenUrls.isCleartext(t.baseUrl())) {
            throw new IOException(t.token().origin() + ": base_url " + t.baseUrl() + " is http://, which would send"
                    + " the bot token in clear text: use https://");
        }
        return t.baseUrl();
    }

    /** An http(s) URL with a host; a trailing slash is dropped (paths are appended to it). */
    private static URI url(SecretRef ref, List<String> secrets) throws IOException {
        String value = read(ref, secrets);
        try {
            URI uri = new URI(value);
            if (uri.getScheme() != null && (uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    && uri.getHost() != null && !uri.getHost().isEmpty()) {
                return value.endsWith("/") ? new URI(value.substring(0, value.length() - 1)) : uri;
            }
        } catch (URISyntaxException e) {
            // reported below, without the value
        }
        throw new IOException(ref.origin() + ": " + ref.describe() + " does not hold an http:// or https:// URL");
    }

    /** A Bot API token goes into the request path: it must not contain anything that changes the path. */
    private static String token(SecretRef ref, List<String> secrets) throws IOException {
        String value = read(ref, secrets);
        if (!value.matches("[A-Za-z0-9:_-]+")) {
            throw new IOException(ref.origin() + ": " + ref.describe() + " does not hold a bot token (expected"
                    + " digits, a colon and letters, digits, '_' or '-')");
        }
        return value;
    }
}

package io.linkguard.agent.alert;

import io.linkguard.agent.config.ChannelConfig;
import io.linkguard.agent.config.SecretRef;
import io.linkguard.agent.config.TokenUrls;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds a {@link Channel} from its config, reading its secrets now. */
final class Channels {

    /** A channel and the secret values it was built with (for the {@link Redactor}). */
    record Built(Channel channel, List<String> secrets) {
    }

    private Channels() {
    }

    /**
     * @param state where Alertmanager keeps its firing set
     * @throws IOException naming the config key when a secret cannot be read or is not what it should be;
     *                     never containing the secret
     */
    static Built build(ChannelConfig config, String node, AlertmanagerChannel.Store state) throws IOException {
        List<String> secrets = new ArrayList<>();
        Channel channel = switch (config) {
            case ChannelConfig.Slack s -> new SlackChannel(s.name(), tokenUrl(s.url(), secrets), node, s.template());
            case ChannelConfig.Telegram t -> new TelegramChannel(t.name(), baseUrl(t), token(t.token(), secrets),
                    t.chatId(), node, t.template());
            case ChannelConfig.Webhook w -> new WebhookChannel(w.name(), tokenUrl(w.url(), secrets),
                    read(w.secret(), secrets), node, w.template());
            case ChannelConfig.Alertmanager a -> new AlertmanagerChannel(a.name(), url(a.url(), secrets),
                    a.repeatInterval(), node, a.template(), state);
        };
        return new Built(channel, List.copyOf(secrets));
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

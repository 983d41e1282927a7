package io.linkguard.alerts.config;

import io.linkguard.config.SecretRef;
import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * URLs that carry a credential: a Slack incoming-webhook URL (the path is the token), Telegram's Bot API
 * (the bot token is in the path), and signed webhooks (the URL often carries a token too, and the HMAC
 * only proves the body if nobody could read the traffic that taught them the key's use). Over
 * {@code http://} the credential crosses the network in clear text, so these URLs must be
 * {@code https://}, except to a loopback address (a local relay or a test endpoint): 127.0.0.0/8, ::1 or
 * {@code localhost}. The host is judged as written, never resolved.
 */
public final class TokenUrls {
    /** The end of every message about this rule. */
    static final String RULE = "would send the token in clear text: use https:// (http:// is accepted only to a"
            + " loopback address: 127.0.0.0/8, ::1 or localhost)";

    private TokenUrls() {
    }

    /** True if {@code uri} is {@code http://} to a host that is not loopback. */
    public static boolean isCleartext(URI uri) {
        return uri.getScheme() != null && uri.getScheme().equalsIgnoreCase("http") && !isLoopback(uri.getHost());
    }

    /** The problem with an inline URL, e.g. Telegram's {@code base_url}; empty if it is fine. */
    static Optional<String> inlineProblem(URI uri) {
        return isCleartext(uri) ? Optional.of("an http:// URL " + RULE) : Optional.empty();
    }

    /** The problem with a URL read from {@code ref} (never naming the URL); empty if it is fine. */
    public static Optional<String> secretProblem(URI uri, SecretRef ref) {
        return isCleartext(uri) ? Optional.of(ref.describe() + " holds an http:// URL, which " + RULE)
                : Optional.empty();
    }

    /** {@code localhost}, an IPv4 literal in 127.0.0.0/8, or the IPv6 literal ::1 (in brackets in a URI). */
    static boolean isLoopback(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.equals("localhost.")) {
            return true;
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        // Only literals: a name is never looked up here (it could resolve differently at send time).
        if (!h.matches("[0-9.]+|[0-9a-f:.]*:[0-9a-f:.]*")) {
            return false;
        }
        try {
            return InetAddress.ofLiteral(h).isLoopbackAddress();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

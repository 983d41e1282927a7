package io.linkguard.alerts;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP POST to make. {@link #toString()} leaves the URI out: it may hold a secret (a Slack webhook
 * path, a Telegram bot token).
 *
 * @param uri     where to POST
 * @param headers extra headers, besides Content-Type and User-Agent
 * @param body    the exact bytes to send
 */
record Request(URI uri, Map<String, String> headers, byte[] body) {

    Request {
        Objects.requireNonNull(uri, "uri");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    @Override
    public String toString() {
        return "POST (" + body.length + " bytes)";
    }
}

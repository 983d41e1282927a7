package io.linkguard.agent.alert;

import io.linkguard.agent.cli.Version;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs with {@link HttpURLConnection}: in the JDK, no extra thread pool or dependency, and it honours
 * the standard {@code https.proxyHost}/{@code http.proxyHost} properties. Redirects are not followed
 * (a webhook that redirects is misconfigured, and following it would resend the body elsewhere).
 */
final class HttpPost {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    /** Enough for any error description; the rest of a large body is not read. */
    static final int MAX_BODY = 16 * 1024;
    private static final String USER_AGENT = "linkguard/" + Version.get();

    private HttpPost() {
    }

    /**
     * Sends {@code request} and returns the answer.
     *
     * @throws IOException if no HTTP answer came (connect failure, timeout, TLS error). Its message may
     *                     contain the URL: callers pass it through a {@link Redactor} before showing it.
     */
    static Response send(Request request) throws IOException {
        URLConnection plain = request.uri().toURL().openConnection();
        if (!(plain instanceof HttpURLConnection c)) {
            throw new IOException("not an http(s) URL");
        }
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setUseCaches(false);
        c.setInstanceFollowRedirects(false);
        c.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
        c.setReadTimeout((int) READ_TIMEOUT.toMillis());
        c.setRequestProperty("Content-Type", "application/json; charset=utf-8");
        c.setRequestProperty("User-Agent", USER_AGENT);
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            c.setRequestProperty(h.getKey(), h.getValue());
        }
        // Not setFixedLengthStreamingMode: in streaming mode a 401 answer (Telegram's "Unauthorized" for a
        // bad token) makes the connection give up on the response body, and the reason with it. Bodies are
        // small; the buffered mode sends Content-Length all the same.
        boolean complete = false;
        try {
            try (OutputStream out = c.getOutputStream()) {
                out.write(request.body());
            }
            int status = c.getResponseCode();
            String retryAfter = c.getHeaderField("Retry-After");
            String body;
            try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                body = in == null ? "" : readBounded(in);
                complete = in == null || in.read() < 0;
            } catch (IOException e) {
                body = ""; // the status is what matters
            }
            return new Response(status, body, retryAfter);
        } finally {
            if (!complete) {
                c.disconnect(); // do not return a half-read connection to the keep-alive cache
            }
        }
    }

    private static String readBounded(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

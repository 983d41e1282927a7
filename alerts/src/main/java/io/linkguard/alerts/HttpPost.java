package io.linkguard.alerts;

import io.linkguard.core.Version;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URLConnection;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * POSTs with {@link HttpURLConnection}: in the JDK, no extra thread pool or dependency, and it honours
 * the standard {@code https.proxyHost}/{@code http.proxyHost} properties. Redirects are not followed
 * (a webhook that redirects is misconfigured, and following it would resend the body elsewhere).
 *
 * <p>The read timeout bounds each read, not the exchange: an endpoint (or proxy) that sends a byte every
 * 9 s, or trickles the TLS handshake, would hold a send forever, the channel thread would stop beating its
 * heartbeat and the systemd watchdog would kill the agent, again after every restart (the message is still
 * spooled). So the whole exchange has a deadline ({@link #EXCHANGE_DEADLINE}): a shared timer then
 * disconnects the connection, which closes its socket, and the send fails as any failed attempt does
 * (retried with backoff). The blocking call in progress may still take up to its own timeout to notice,
 * hence {@link #MAX_EXCHANGE}, which stays well inside the channel thread's heartbeat bound.
 */
final class HttpPost implements Sender {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    /** The whole exchange: connect, TLS handshake, request, status line, headers and the bounded body. */
    static final Duration EXCHANGE_DEADLINE = Duration.ofSeconds(30);
    /** After the deadline the connection is disconnected again this often, until the send has ended. */
    private static final long REPEAT_DISCONNECT_MILLIS = 1000;
    /**
     * The longest one send can take: the deadline, then the blocking call in progress (a connect or a
     * read) ending by its own timeout, plus one repeat of the disconnect.
     */
    static final Duration MAX_EXCHANGE = EXCHANGE_DEADLINE.plus(CONNECT_TIMEOUT).plus(READ_TIMEOUT)
            .plusMillis(REPEAT_DISCONNECT_MILLIS);
    /** Enough for any error description; the rest of a large body is not read. */
    static final int MAX_BODY = 16 * 1024;
    private static final String USER_AGENT = "linkguard/" + Version.get();
    /** One timer thread for every channel: it only starts the disconnects, each on a thread of its own. */
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final Duration deadline;
    private final Set<Exchange> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean aborting;

    /** @param deadline of the whole exchange: {@link #EXCHANGE_DEADLINE}, shorter in tests */
    HttpPost(Duration deadline) {
        if (deadline.compareTo(EXCHANGE_DEADLINE) > 0 || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline " + deadline + " (expected: > 0 and <= "
                    + EXCHANGE_DEADLINE + ")");
        }
        this.deadline = deadline;
    }

    HttpPost() {
        this(EXCHANGE_DEADLINE);
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon(true).name("http-deadline").factory());
        t.setRemoveOnCancelPolicy(true); // a cancelled deadline (the usual case) does not linger in the queue
        return t;
    }

    /**
     * One send's connection, disconnected when its deadline passes or the channel closes, then again every
     * second until the send has ended: a disconnect() that came while no socket was assigned yet (during the
     * TCP connect) does nothing, the next one closes what was connected since.
     */
    private static final class Exchange {
        private final HttpURLConnection connection;
        private volatile boolean expired;
        private volatile boolean aborted;
        // Guarded by this.
        private boolean done;
        private ScheduledFuture<?> deadlineTimer;
        private ScheduledFuture<?> abortTimer;

        Exchange(HttpURLConnection connection) {
            this.connection = connection;
        }

        synchronized void start(Duration deadline) {
            deadlineTimer = TIMER.scheduleWithFixedDelay(() -> {
                expired = true;
                disconnect();
            }, deadline.toMillis(), REPEAT_DISCONNECT_MILLIS, TimeUnit.MILLISECONDS);
        }

        synchronized void abort() {
            if (done || aborted) {
                return;
            }
            aborted = true;
            abortTimer = TIMER.scheduleWithFixedDelay(this::disconnect, 0, REPEAT_DISCONNECT_MILLIS,
                    TimeUnit.MILLISECONDS);
        }

        synchronized void done() {
            done = true;
            deadlineTimer.cancel(false);
            if (abortTimer != null) {
                abortTimer.cancel(false);
            }
        }

        /**
         * On a thread of its own: disconnect() can wait for a lock the sending thread holds while it reads
         * (up to one read timeout), and must not hold up the shared timer meanwhile.
         */
        private void disconnect() {
            Thread.ofVirtual().name("http-disconnect").start(connection::disconnect);
        }
    }

    /** Sends in progress now; for tests. */
    int inFlight() {
        return inFlight.size();
    }

    /** Ends the send in progress as a failure, and every later one at once: the channel is closing. */
    @Override
    public void abort() {
        aborting = true;
        inFlight.forEach(Exchange::abort);
    }

    /**
     * Sends {@code request} and returns the answer, within {@link #MAX_EXCHANGE}.
     *
     * @throws IOException if no HTTP answer came (connect failure, timeout, TLS error); a
     *                     {@link HttpTimeoutException} if the exchange passed its deadline. Its message may
     *                     contain the URL: callers pass it through a {@link Redactor} before showing it.
     */
    @Override
    public Response send(Request request) throws IOException {
        URLConnection plain = request.uri().toURL().openConnection();
        if (!(plain instanceof HttpURLConnection c)) {
            throw new IOException("not an http(s) URL");
        }
        Exchange exchange = new Exchange(c);
        exchange.start(deadline);
        inFlight.add(exchange);
        try {
            if (aborting) { // abort() came before this send was in flight
                throw new IOException("not sent");
            }
            Response r = exchange(request, c);
            if (r.status() < 0) { // getResponseCode() of a connection disconnected under it
                throw new IOException("no valid HTTP answer");
            }
            if (exchange.expired || exchange.aborted) {
                // Cut short: HttpURLConnection may keep a status line whose headers were cut off. Not
                // trusted as a delivery; the message stays spooled and is sent again (at least once).
                throw new IOException("answer cut off");
            }
            return r;
        } catch (IOException | RuntimeException e) {
            // A disconnect() racing the sending thread can also surface inside HttpURLConnection as a
            // RuntimeException (a NullPointerException on its connection field): the same failure.
            if (exchange.aborted || aborting) {
                throw new IOException("aborted: the channel is closing", e);
            }
            if (exchange.expired) {
                HttpTimeoutException t = new HttpTimeoutException("no complete answer within "
                        + deadline.toMillis() + " ms (the deadline of the whole exchange)");
                t.initCause(e);
                throw t;
            }
            throw e;
        } finally {
            inFlight.remove(exchange);
            exchange.done();
        }
    }

    private static Response exchange(Request request, HttpURLConnection c) throws IOException {
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

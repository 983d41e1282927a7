package io.linkguard.alerts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A local HTTP server standing in for Slack, Telegram or a webhook receiver: records every request
 * (with its arrival time, measured here, on the server side, on the test's clock), validates it, and answers what the test
 * says. "Down" means not listening at all (connection refused), like a dead endpoint.
 */
public final class FakeEndpoint implements AutoCloseable {

    /** A request as received. */
    public record Received(String method, String path, Map<String, List<String>> headers, byte[] body, long atNanos,
                    List<String> problems) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            for (Map.Entry<String, List<String>> h : headers.entrySet()) {
                if (h.getKey().equalsIgnoreCase(name)) {
                    return h.getValue().getFirst();
                }
            }
            return null;
        }
    }

    /** An answer. */
    public record Reply(int status, String body, Map<String, String> headers) {
        public static Reply ok(String body) {
            return new Reply(200, body, Map.of());
        }
    }

    private final int port;
    private final Function<Received, List<String>> validator;
    private final LongSupplier nanoClock;
    private volatile Function<Received, Reply> responder;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    /** @param validator the format problems of a request (empty if it is valid) */
    public FakeEndpoint(Function<Received, List<String>> validator, Function<Received, Reply> responder) throws IOException {
        this(validator, responder, System::nanoTime);
    }

    /** @param nanoClock the arrival times' clock: the channels' (fake) clock, so they compare with its deadlines */
    public FakeEndpoint(Function<Received, List<String>> validator, Function<Received, Reply> responder,
                        LongSupplier nanoClock) throws IOException {
        this.validator = validator;
        this.nanoClock = nanoClock;
        this.responder = responder;
        this.server = listen(0);
        this.port = server.getAddress().getPort();
    }

    private HttpServer listen(int onPort) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
        s.createContext("/", this::handle);
        s.start();
        return s;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public void respond(Function<Received, Reply> responder) {
        this.responder = responder;
    }

    /** Stops listening: clients get "connection refused". */
    public synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Listens again on the same port. */
    public synchronized void up() throws IOException {
        if (server == null) {
            IOException last = null;
            for (int i = 0; i < 50; i++) { // the port can take a moment to be free again
                try {
                    server = listen(port);
                    return;
                } catch (IOException e) {
                    last = e;
                    sleep(Duration.ofMillis(100));
                }
            }
            throw last;
        }
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** All validation problems seen so far. */
    public List<String> problems() {
        List<String> all = new ArrayList<>();
        received.forEach(r -> all.addAll(r.problems()));
        return all;
    }

    /** Waits (bounded) until {@code n} requests arrived; returns them. */
    public List<Received> await(int n, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (received.size() < n && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(20));
        }
        return received();
    }

    private void handle(HttpExchange ex) throws IOException {
        long at = nanoClock.getAsLong();
        byte[] body = ex.getRequestBody().readAllBytes();
        Received partial = new Received(ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
                Map.copyOf(ex.getRequestHeaders()), body, at, List.of());
        List<String> problems = new ArrayList<>();
        if (!"POST".equals(ex.getRequestMethod())) {
            problems.add("method " + ex.getRequestMethod());
        }
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            problems.add("Content-Type " + type);
        }
        try {
            problems.addAll(validator.apply(partial));
        } catch (RuntimeException e) {
            problems.add("invalid payload: " + e);
        }
        Received r = new Received(partial.method(), partial.path(), partial.headers(), body, at, List.copyOf(problems));
        received.add(r);
        Reply reply = responder.apply(r);
        byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
        reply.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
        }
    }

    public static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        down();
    }
}

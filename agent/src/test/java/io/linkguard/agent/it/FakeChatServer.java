package io.linkguard.agent.it;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for Slack's and Telegram's HTTP endpoints on loopback: records
 * every request and answers with a status the test sets (200 by default).
 */
final class FakeChatServer implements AutoCloseable {
    record Request(String method, String path, String contentType, String body, long atNanos) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);

    FakeChatServer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        server.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(),
                    ex.getRequestHeaders().getFirst("Content-Type"), body, System.nanoTime()));
            int code = status.get();
            byte[] answer = (ex.getRequestURI().getPath().contains("/sendMessage")
                    ? (code == 200 ? "{\"ok\":true,\"result\":{}}" : "{\"ok\":false,\"error_code\":" + code
                    + ",\"description\":\"test\"}")
                    : (code == 200 ? "ok" : "error")).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(code, answer.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(answer);
            }
        });
        server.start();
    }

    /** A port that was free a moment ago: for an endpoint that is down until the test starts it. */
    static int freePort() throws IOException {
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    void answer(int code) {
        status.set(code);
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

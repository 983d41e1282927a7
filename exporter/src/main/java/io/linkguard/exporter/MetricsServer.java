package io.linkguard.exporter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The agent's HTTP server on jdk.httpserver: {@code /metrics} in the
 * Prometheus text or OpenMetrics format (by the Accept header), {@code /healthz},
 * and room for further handlers such as {@code /status}.
 */
public final class MetricsServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    public MetricsServer(InetSocketAddress listen, PrometheusRegistry registry) throws IOException {
        server = HttpServer.create(listen, 16);
        // Two platform threads: scrapes are rare and cheap; this keeps the thread count (and RSS) flat.
        executor = Executors.newFixedThreadPool(2, Thread.ofPlatform().name("http-", 0).daemon(true).factory());
        server.setExecutor(executor);
        server.createContext("/metrics", new MetricsHandler(registry));
        server.createContext("/healthz", ex -> text(ex, 200, "ok\n"));
        server.createContext("/", ex -> {
            if (!ex.getRequestURI().getPath().equals("/")) {
                text(ex, 404, "not found\n");
            } else {
                text(ex, 200, "linkguard: see /metrics\n");
            }
        });
        server.start();
    }

    /**
     * Serves {@code path} with {@code handler}. A handler that throws answers
     * 500 with the error's class and message, and the error goes to stderr
     * (the journal): the JDK server would otherwise just drop the connection
     * and say nothing anywhere.
     */
    public void addHandler(String path, HttpHandler handler) {
        server.createContext(path, ex -> {
            try {
                handler.handle(ex);
            } catch (IOException | RuntimeException e) {
                System.err.println("<3>" + path + ": " + e);
                try {
                    text(ex, 500, "internal error: " + e.getClass().getSimpleName() + "\n");
                } catch (IOException | RuntimeException ignored) {
                    // the response had already started; the connection is dropped
                } finally {
                    ex.close();
                }
            }
        });
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    static void text(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

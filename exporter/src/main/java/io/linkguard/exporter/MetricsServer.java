package io.linkguard.exporter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The agent's HTTP server on jdk.httpserver: {@code /metrics} in the
 * Prometheus text or OpenMetrics format (by the Accept header), {@code /healthz},
 * and room for further handlers such as {@code /status}.
 *
 * <p>Hardened against clients that do not play along ({@link HttpLimits}):
 * jdk.httpserver has one dispatcher thread that only accepts and selects, and
 * hands each readable connection to the executor, which then reads the request
 * blocking. With two platform threads, two clients that sent half a request line
 * held both and /metrics went unanswered. Each exchange now gets a virtual
 * thread (a blocked read parks it, no carrier is held), the connection count is
 * capped and slow requests, responses and idle connections are closed by the
 * server's timers. At most {@link #CONCURRENT_SCRAPES} scrapes render at once,
 * so concurrent scrapers cannot exhaust the small heap.
 */
public final class MetricsServer implements AutoCloseable {
    static {
        HttpLimits.apply(); // before this class creates the JVM's first HttpServer
    }

    /** Scrapes rendering at once; more wait up to {@link #SCRAPE_WAIT_MILLIS}, then get 503. */
    static final int CONCURRENT_SCRAPES = 4;
    static final long SCRAPE_WAIT_MILLIS = 2000;

    private final HttpServer server;
    private final ExecutorService executor;
    private final Semaphore scrapes = new Semaphore(CONCURRENT_SCRAPES);

    public MetricsServer(InetSocketAddress listen, PrometheusRegistry registry) throws IOException {
        server = HttpServer.create(listen, 64);
        executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("http-", 0).factory());
        server.setExecutor(executor);
        PrometheusScrapeHandler scrape = new PrometheusScrapeHandler(registry);
        server.createContext("/metrics", ex -> scrape(scrape, ex));
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
     * and say nothing anywhere. An IOException is the client hanging up (or a
     * time limit): the connection is closed without a word.
     */
    public void addHandler(String path, HttpHandler handler) {
        server.createContext(path, ex -> {
            try {
                handler.handle(ex);
            } catch (IOException e) {
                ex.close();
            } catch (RuntimeException e) {
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

    private void scrape(PrometheusScrapeHandler handler, HttpExchange ex) throws IOException {
        BufferedScrape b = new BufferedScrape(ex);
        try {
            if (!scrapes.tryAcquire(SCRAPE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                text(ex, 503, "too many concurrent scrapes\n");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ex.close();
            return;
        }
        try {
            handler.handleRequest(b);
        } finally {
            scrapes.release();
        }
        b.send();
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

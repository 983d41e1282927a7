package io.linkguard.exporter;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.exporter.common.PrometheusHttpExchange;
import io.prometheus.metrics.exporter.common.PrometheusHttpRequest;
import io.prometheus.metrics.exporter.common.PrometheusHttpResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * One scrape, rendered into memory first and sent afterwards. The library's
 * own adapter writes straight to the client and, when the client hangs up
 * mid-response, logs two SEVERE stack traces; a scraper that gives up is no
 * error of the agent's. Rendering first also means the scrape permit
 * ({@link MetricsServer}) is never held while a slow client reads.
 */
final class BufferedScrape implements PrometheusHttpExchange {
    private final HttpExchange exchange;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
    private int status = -1;

    BufferedScrape(HttpExchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public PrometheusHttpRequest getRequest() {
        return new PrometheusHttpRequest() {
            @Override
            public String getQueryString() {
                return exchange.getRequestURI().getRawQuery();
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                List<String> v = exchange.getRequestHeaders().get(name);
                return v == null ? Collections.emptyEnumeration() : Collections.enumeration(v);
            }

            @Override
            public String getMethod() {
                return exchange.getRequestMethod();
            }

            @Override
            public String getRequestPath() {
                return exchange.getRequestURI().getPath();
            }
        };
    }

    @Override
    public PrometheusHttpResponse getResponse() {
        return new PrometheusHttpResponse() {
            @Override
            public void setHeader(String name, String value) {
                exchange.getResponseHeaders().set(name, value);
            }

            @Override
            public OutputStream sendHeadersAndGetBody(int statusCode, int contentLength) {
                status = statusCode;
                return body;
            }
        };
    }

    @Override
    public void handleException(IOException e) {
        status = -1; // only the in-memory buffer is written during the scrape: not reached in practice
    }

    @Override
    public void handleException(RuntimeException e) {
        System.err.println("<3>/metrics: scrape failed: " + e);
        body.reset();
        body.writeBytes(("internal error: " + e.getClass().getSimpleName() + "\n").getBytes(StandardCharsets.UTF_8));
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.getResponseHeaders().remove("Content-Encoding");
        status = 500;
    }

    @Override
    public void close() {
        // nothing: the response is sent by send(), outside the scrape permit
    }

    /** Sends what the scrape rendered; a client that hung up meanwhile is not worth a log line. */
    void send() {
        try {
            if (status < 0) {
                return;
            }
            byte[] b = body.toByteArray();
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(status, head || status == 204 || b.length == 0 ? -1 : b.length);
            if (!head && b.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(b);
                }
            }
        } catch (IOException e) {
            // the scraper closed the connection (or hit the response time limit): nothing to report
        } finally {
            exchange.close();
        }
    }
}

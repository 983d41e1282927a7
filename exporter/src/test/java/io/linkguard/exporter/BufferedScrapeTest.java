package io.linkguard.exporter;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** A scraper that hangs up mid-response is no error of the agent's: no SEVERE stack trace in the journal. */
class BufferedScrapeTest {
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                logged.add(r);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final PrometheusRegistry registry = new PrometheusRegistry();

    @BeforeEach
    void listen() {
        Logger.getLogger("").addHandler(capture);
        Counter.builder().name("linkguard_test_total").help("test").register(registry).inc();
    }

    @AfterEach
    void stop() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void aClientThatHangsUpLogsNothing() throws IOException {
        HangUp ex = new HangUp();
        BufferedScrape b = new BufferedScrape(ex);
        new PrometheusScrapeHandler(registry).handleRequest(b);
        b.send();
        assertThat(ex.status).isEqualTo(200);
        assertThat(ex.closed).isTrue();
        assertThat(logged).isEmpty();
    }

    @Test
    void theLibrarysOwnHandlerLogsSevereForTheSameHangUp() throws IOException {
        // What /metrics did before: the reason for BufferedScrape.
        new MetricsHandler(registry).handle(new HangUp());
        assertThat(logged).anyMatch(r -> r.getLevel() == Level.SEVERE);
    }

    /** An exchange whose client is gone: writing the body fails. */
    private static final class HangUp extends HttpExchange {
        private final Headers request = new Headers();
        private final Headers response = new Headers();
        int status = -1;
        boolean closed;

        @Override
        public Headers getRequestHeaders() {
            return request;
        }

        @Override
        public Headers getResponseHeaders() {
            return response;
        }

        @Override
        public URI getRequestURI() {
            return URI.create("/metrics");
        }

        @Override
        public String getRequestMethod() {
            return "GET";
        }

        @Override
        public HttpContext getHttpContext() {
            return null;
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public InputStream getRequestBody() {
            return new ByteArrayInputStream(new byte[0]);
        }

        @Override
        public OutputStream getResponseBody() {
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    throw new IOException("Broken pipe");
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    throw new IOException("Broken pipe");
                }
            };
        }

        @Override
        public void sendResponseHeaders(int rCode, long responseLength) {
            status = rCode;
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return new InetSocketAddress(0);
        }

        @Override
        public int getResponseCode() {
            return status;
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return new InetSocketAddress(0);
        }

        @Override
        public String getProtocol() {
            return "HTTP/1.1";
        }

        @Override
        public Object getAttribute(String name) {
            return null;
        }

        @Override
        public void setAttribute(String name, Object value) {
        }

        @Override
        public void setStreams(InputStream i, OutputStream o) {
        }

        @Override
        public HttpPrincipal getPrincipal() {
            return null;
        }
    }
}

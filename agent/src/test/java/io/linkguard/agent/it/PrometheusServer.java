package io.linkguard.agent.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.stream.JsonParsingException;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus (the distribution's /usr/bin/prometheus) run by a test
 * inside a network namespace the test created, with its own temporary TSDB,
 * scraping targets every second and evaluating the given rule files. Its HTTP
 * API is on the namespace's loopback, so calls go through curl in that
 * namespace, like {@link AgentProcess#scrape()}. Stopped by its PID.
 */
final class PrometheusServer implements AutoCloseable {
    static final String BINARY = "/usr/bin/prometheus";

    private final String ns;
    private final int port;
    private final Path dir;
    private final Path log;
    private final Process process;

    /**
     * @param port   a port on the namespace's loopback; the namespace is the test's own and fresh,
     *               so nothing else listens there
     * @param target host:port of the scrape target, seen from inside the namespace
     */
    PrometheusServer(String ns, int port, String job, String target, List<Path> ruleFiles) throws IOException {
        if (!Files.isExecutable(Path.of(BINARY))) {
            throw new IllegalStateException(BINARY + " not found: apt-get install prometheus (.ci/run does)");
        }
        this.ns = ns;
        this.port = port;
        dir = Files.createTempDirectory("linkguard-prometheus");
        Path config = dir.resolve("prometheus.yml");
        StringBuilder rules = new StringBuilder();
        for (Path r : ruleFiles) {
            rules.append("  - ").append(r.toAbsolutePath()).append('\n');
        }
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                %sscrape_configs:
                  - job_name: %s
                    scrape_timeout: 1s
                    static_configs:
                      - targets: ["%s"]
                """.formatted(rules, job, target));
        log = dir.resolve("prometheus.log");
        List<String> argv = TwoHosts.in(ns, BINARY, "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn");
        // "ip netns exec" execs the command after entering the namespace: this PID is Prometheus itself.
        process = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    long pid() {
        return process.pid();
    }

    String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** Waits for /-/ready; fails fast if Prometheus exited (bad flag, bad config). */
    void awaitReady(Duration limit) throws Exception {
        try {
            Awaitility.await("prometheus ready").atMost(limit).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(200)).until(() -> {
                        if (!process.isAlive()) {
                            throw new AssertionError("prometheus exited with " + process.exitValue() + ":\n" + output());
                        }
                        return Cmd.run(TwoHosts.in(ns, "curl", "-sf", "--max-time", "2",
                                "http://127.0.0.1:" + port + "/-/ready"), 10).exit() == 0;
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("prometheus not ready within " + limit + ":\n" + output(), e);
        }
    }

    /**
     * GETs an API path (e.g. "/api/v1/query") with URL-encoded parameters and returns the JSON
     * answer, error answers included: {"status":"error","errorType":...,"error":...}.
     */
    JsonObject api(String path, Map<String, String> form) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(TwoHosts.in(ns, "curl", "-s", "-G", "--max-time", "10"));
        for (Map.Entry<String, String> e : form.entrySet()) {
            argv.add("--data-urlencode");
            argv.add(e.getKey() + "=" + e.getValue());
        }
        argv.add("http://127.0.0.1:" + port + path);
        Cmd.Result r = Cmd.run(argv, 20);
        if (r.exit() != 0) {
            throw new IOException("curl " + path + " failed (exit " + r.exit() + "): " + r.out());
        }
        try (JsonReader reader = Json.createReader(new StringReader(r.out()))) {
            return reader.readObject();
        } catch (JsonParsingException e) {
            throw new IOException("not JSON from " + path + ": " + r.out(), e);
        }
    }

    /** An instant query at the current time. */
    JsonObject query(String promql) throws IOException, InterruptedException {
        return api("/api/v1/query", Map.of("query", promql));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

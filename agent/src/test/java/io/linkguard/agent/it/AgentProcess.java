package io.linkguard.agent.it;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged agent jar run as a separate process inside a namespace, the
 * way an operator runs it. Its output goes to a file the test can show on failure.
 */
final class AgentProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final String ns;
    private final int port;

    private final Path config;
    /** Characters of agent.log written by earlier runs in the same directory. */
    private final int logStart;

    AgentProcess(String ns, String configYaml, int port) throws IOException {
        this(ns, configYaml, port, java.util.Map.of());
    }

    /** @param env extra environment, e.g. systemd's NOTIFY_SOCKET and WATCHDOG_USEC */
    AgentProcess(String ns, String configYaml, int port, java.util.Map<String, String> env) throws IOException {
        this(ns, Files.createTempDirectory("linkguard-it"), configYaml, port, env);
    }

    /** Runs in {@code dir}: its linkguard.yml and agent.log (appended to, so a restart keeps the earlier output). */
    AgentProcess(String ns, Path dir, String configYaml, int port, java.util.Map<String, String> env)
            throws IOException {
        this.ns = ns;
        this.port = port;
        config = dir.resolve("linkguard.yml");
        Files.writeString(config, configYaml);
        log = dir.resolve("agent.log");
        logStart = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8).length() : 0;
        List<String> argv = new ArrayList<>(TwoHosts.in(ns, java(), "--enable-native-access=ALL-UNNAMED",
                jvmOptions(), "-jar", jar(), "run", "--config", config.toString()));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        process = pb.start();
    }

    /** The config file the agent reads; rewrite it and {@link #signal} HUP to reload. */
    Path configFile() {
        return config;
    }

    long pid() {
        return process.pid(); // 'ip netns exec' execs the JVM: same PID
    }

    /** Sends a signal by PID (HUP, KILL, ...). */
    void signal(String name) throws IOException, InterruptedException {
        Cmd.ok("kill", "-" + name, Long.toString(process.pid()));
    }

    boolean isAlive() {
        return process.isAlive();
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The JVM options the agent ships with (bin/jvm.options, a java @-file), so the tests run what ships. */
    static String jvmOptions() {
        String root = System.getenv("LINKGUARD_PROJECT_ROOT");
        Path options = root == null ? null : Path.of(root, "bin", "jvm.options");
        if (options == null || !Files.isRegularFile(options)) {
            throw new IllegalStateException("bin/jvm.options not found (LINKGUARD_PROJECT_ROOT=" + root + ")");
        }
        return "@" + options;
    }

    static String jar() {
        String jar = System.getProperty("linkguard.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("linkguard.jar not built (" + jar + "): run 'mvn verify'");
        }
        return jar;
    }

    String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** Scrapes /metrics from inside the namespace (its 127.0.0.1 is not ours). */
    Metrics scrape() throws IOException, InterruptedException {
        Cmd.Result r = Cmd.run(TwoHosts.in(ns, "curl", "-sf", "--max-time", "5",
                "http://127.0.0.1:" + port + "/metrics"), 15);
        if (r.exit() != 0) {
            throw new IOException("scrape failed (curl exit " + r.exit() + "); agent output:\n" + output());
        }
        return Metrics.parse(r.out());
    }

    String scrapeRaw() throws IOException, InterruptedException {
        return Cmd.ok(TwoHosts.in(ns, "curl", "-sf", "--max-time", "5", "http://127.0.0.1:" + port + "/metrics")
                .toArray(String[]::new));
    }

    /** Waits until /metrics answers and the agent logged that it started; fails fast if it exited. */
    void awaitStarted(Duration limit) throws Exception {
        try {
            Awaitility.await("agent started").atMost(limit).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(100)).until(() -> {
                        if (!process.isAlive()) {
                            throw new AssertionError("agent exited with " + process.exitValue() + ":\n" + output());
                        }
                        return output().substring(logStart).contains("started");
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("agent did not start within " + limit + ":\n" + output(), e);
        }
    }

    /** SIGTERM, then the exit status (143 = terminated by SIGTERM after the shutdown hooks ran). */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            return -1;
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}

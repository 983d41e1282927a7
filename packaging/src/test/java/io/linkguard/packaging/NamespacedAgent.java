package io.linkguard.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The installed /usr/bin/linkguard running in a network namespace of its own (so its 127.0.0.1
 * and port 18784 are not the host's), as the unit runs it: user linkguard, CAP_NET_RAW as an
 * ambient capability, no JAVA_HOME and no java on PATH. Closing it stops the agent and deletes
 * the namespace.
 */
final class NamespacedAgent implements AutoCloseable {
    private final String ns;
    private final Process process;
    private final Path log;

    private NamespacedAgent(String ns, Process process, Path log) {
        this.ns = ns;
        this.process = process;
        this.log = log;
    }

    static NamespacedAgent start(String user, String config) throws IOException, InterruptedException {
        String ns = "lgdeb" + ProcessHandle.current().pid();
        Sh.ok("ip", "netns", "add", ns);
        try {
            Sh.ok("ip", "-n", ns, "link", "set", "lo", "up");
            Path log = Files.createTempFile("linkguard-deb", ".log");
            // Absolute paths: `ip netns exec` and setpriv look commands up on the child's PATH.
            List<String> argv = new ArrayList<>(List.of(which("ip"), "netns", "exec", ns,
                    which("setpriv"), "--reuid", user, "--regid", user, "--init-groups",
                    "--inh-caps", "+net_raw", "--ambient-caps", "+net_raw",
                    "/usr/bin/linkguard", "run", "--config", config));
            ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().remove("JAVA_HOME");
            pb.environment().remove("JDK_JAVA_OPTIONS");
            pb.environment().remove("JAVA_TOOL_OPTIONS");
            pb.environment().put("PATH", Sh.pathWithoutJava());
            return new NamespacedAgent(ns, pb.start(), log);
        } catch (IOException | RuntimeException | Error e) {
            Sh.run("ip", "netns", "del", ns);
            throw e;
        }
    }

    /** ip, setpriv and every exec after them replace the process image: this is the JVM's PID. */
    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** /metrics from inside the namespace, or empty if it does not answer (yet). */
    Optional<String> scrape() throws IOException, InterruptedException {
        Sh.Result r = Sh.run(List.of("ip", "netns", "exec", ns, "curl", "-sf", "--max-time", "3",
                "http://127.0.0.1:18784/metrics"), Map.of(), 15);
        return r.exit() == 0 ? Optional.of(r.out()) : Optional.empty();
    }

    /** The value of one series, e.g. {@code name{label="x"}}, in Prometheus text; -1 if absent. */
    static double value(String metrics, String series) {
        return metrics.lines().filter(l -> l.startsWith(series + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
                .findFirst().orElse(-1);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            if (process.isAlive()) {
                process.destroy(); // SIGTERM to the JVM: BFD AdminDown, sockets closed
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } finally {
            Sh.run("ip", "netns", "del", ns);
            Files.deleteIfExists(log);
        }
    }

    private static String which(String cmd) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            Path p = Path.of(dir, cmd);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new AssertionError(cmd + " not found on PATH (util-linux / iproute2)");
    }
}

package io.linkguard.agent.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.awaitility.Awaitility;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * FRRouting's zebra and bfdd running inside a test namespace, with their own
 * path space ({@code -N}), configured from a file and queried with vtysh.
 * Stopped by the PIDs in their pid files, never by name.
 */
final class Frr implements AutoCloseable {
    private static final Path ZEBRA = Path.of("/usr/lib/frr/zebra");
    private static final Path BFDD = Path.of("/usr/lib/frr/bfdd");

    private final String ns;
    private final Path runDir;
    private final Path confDir;
    private final List<Path> pidFiles = new ArrayList<>();

    Frr(String ns, String bfdConfig) throws Exception {
        if (!Files.isExecutable(BFDD)) {
            throw new AssertionError("FRR bfdd is not installed (apt-get install frr): needed for interop tests");
        }
        this.ns = ns;
        this.runDir = Path.of("/var/run/frr", ns);
        this.confDir = Path.of("/etc/frr", ns);
        Files.createDirectories(runDir);
        Files.createDirectories(confDir);
        Path conf = confDir.resolve("frr.conf");
        Files.writeString(conf, "frr defaults traditional\nhostname " + ns + "\n" + bfdConfig);
        Files.writeString(confDir.resolve("vtysh.conf"), "");
        Cmd.ok("chown", "-R", "frr:frr", runDir.toString(), confDir.toString());
        start(ZEBRA, conf, "zebra");
        start(BFDD, conf, "bfdd");
    }

    private void start(Path daemon, Path conf, String name) throws Exception {
        Path pid = runDir.resolve(name + ".pid");
        pidFiles.add(pid);
        Cmd.ok(TwoHosts.in(ns, daemon.toString(), "-N", ns, "-d", "-f", conf.toString(), "-i", pid.toString())
                .toArray(String[]::new));
        // The daemon forks; its vty socket says it is ready for vtysh.
        Awaitility.await(name + " vty socket").atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50)).until(() -> Files.exists(runDir.resolve(name + ".vty")));
    }

    /** Runs vtysh commands in order, e.g. "configure terminal", "bfd", "peer 198.18.0.1", "shutdown". */
    String vtysh(String... commands) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(TwoHosts.in(ns, "vtysh", "-N", ns));
        for (String c : commands) {
            argv.add("-c");
            argv.add(c);
        }
        Cmd.Result r = Cmd.run(argv, 30);
        if (r.exit() != 0) {
            throw new IOException("vtysh failed (" + r.exit() + "): " + r.out());
        }
        return r.out();
    }

    /** The peer as FRR sees it, from {@code show bfd peers json}. */
    Optional<JsonObject> peer(String address) throws IOException, InterruptedException {
        String json = vtysh("show bfd peers json");
        try (JsonReader r = Json.createReader(new StringReader(json))) {
            JsonArray peers = r.readArray();
            return peers.getValuesAs(JsonObject.class).stream()
                    .filter(p -> p.getString("peer").equals(address)).findFirst();
        }
    }

    String status(String address) throws IOException, InterruptedException {
        return peer(address).map(p -> p.getString("status")).orElse("absent");
    }

    @Override
    public void close() throws Exception {
        for (Path pid : pidFiles.reversed()) {
            if (Files.exists(pid)) {
                String p = Files.readString(pid).trim();
                if (p.matches("[0-9]+")) {
                    ProcessHandle.of(Long.parseLong(p)).ifPresent(h -> {
                        h.destroy();
                        try {
                            h.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
                        } catch (Exception e) {
                            h.destroyForcibly();
                        }
                    });
                }
            }
        }
        Cmd.run(List.of("rm", "-rf", runDir.toString(), confDir.toString()), 30);
    }
}

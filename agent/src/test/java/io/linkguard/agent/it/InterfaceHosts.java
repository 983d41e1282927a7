package io.linkguard.agent.it;

import io.linkguard.probes.testing.Privileged;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Two namespaces, "agent" and "peer", with no interface between them at first: the tests of issue 13
 * create, delete and re-create the link's interface while the agent runs. Names start with lgif-;
 * addresses come from the RFC 2544 benchmarking range, inside these namespaces only. Also a webhook
 * receiver on the agent namespace's loopback (the agent's alerts cannot reach the test JVM's loopback).
 * Every namespace and process is removed on close.
 */
final class InterfaceHosts implements AutoCloseable {
    static final String AGENT_V4 = "198.18.0.1";
    static final String PEER_V4 = "198.18.0.2";
    /** The second pair, for a backup path: 198.18.0.5 (agent) - 198.18.0.6 (peer). */
    static final String AGENT2_V4 = "198.18.0.5";
    static final String PEER2_V4 = "198.18.0.6";

    final String agentNs;
    final String peerNs;
    final Path dir;
    private final List<String> created = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    InterfaceHosts() throws IOException, InterruptedException {
        Privileged.assumeRoot();
        String tag = Long.toString(ProcessHandle.current().pid(), 36) + Integer.toString((int) (System.nanoTime() & 0xfff), 36);
        agentNs = "lgif-a-" + tag;
        peerNs = "lgif-p-" + tag;
        dir = Files.createTempDirectory("linkguard-iface");
        try {
            for (String ns : List.of(agentNs, peerNs)) {
                Cmd.ok("ip", "netns", "add", ns);
                created.add(ns);
                Cmd.ok("ip", "-n", ns, "link", "set", "lo", "up");
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * A veth pair {@code agentIf} (agent namespace, {@code agentV4}/30) to {@code peerIf} (peer namespace,
     * {@code peerV4}/30), both up. Created from inside the agent namespace: no name is ever taken in the host's.
     */
    void veth(String agentIf, String agentV4, String peerIf, String peerV4) throws IOException, InterruptedException {
        Cmd.ok("ip", "-n", agentNs, "link", "add", agentIf, "type", "veth", "peer", "name", peerIf, "netns", peerNs);
        Cmd.ok("ip", "-n", agentNs, "addr", "add", agentV4 + "/30", "dev", agentIf);
        Cmd.ok("ip", "-n", peerNs, "addr", "add", peerV4 + "/30", "dev", peerIf);
        Cmd.ok("ip", "-n", agentNs, "link", "set", agentIf, "up");
        Cmd.ok("ip", "-n", peerNs, "link", "set", peerIf, "up");
    }

    /** The interface's index in the agent namespace. */
    int ifindex(String dev) throws IOException, InterruptedException {
        String out = Cmd.ok("ip", "-n", agentNs, "-o", "link", "show", "dev", dev);
        return Integer.parseInt(out.substring(0, out.indexOf(':')).trim());
    }

    String inAgent(String... argv) throws IOException, InterruptedException {
        return Cmd.ok(TwoHosts.in(agentNs, argv).toArray(String[]::new));
    }

    String inPeer(String... argv) throws IOException, InterruptedException {
        return Cmd.ok(TwoHosts.in(peerNs, argv).toArray(String[]::new));
    }

    /** GET /status of the agent listening on {@code port} in the agent namespace. */
    String status(int port) throws IOException, InterruptedException {
        return inAgent("curl", "-sf", "--max-time", "5", "http://127.0.0.1:" + port + "/status");
    }

    /**
     * Starts a receiver of webhook POSTs on the agent namespace's 127.0.0.1:{@code port}; each body is one
     * line of the returned file. Signatures are not checked: WebhookChannelTest does that.
     */
    Path webhookReceiver(int port) throws IOException {
        Path out = dir.resolve("webhook.jsonl");
        String py = """
                import http.server, sys
                class H(http.server.BaseHTTPRequestHandler):
                    def do_POST(self):
                        b = self.rfile.read(int(self.headers.get('Content-Length', 0)))
                        with open(sys.argv[2], 'ab') as f:
                            f.write(b.replace(b'\\n', b' ') + b'\\n')
                        self.send_response(200)
                        self.send_header('Content-Length', '0')
                        self.end_headers()
                    def log_message(self, *a):
                        pass
                http.server.HTTPServer(('127.0.0.1', int(sys.argv[1])), H).serve_forever()
                """;
        processes.add(new ProcessBuilder(TwoHosts.in(agentNs, "python3", "-c", py, Integer.toString(port),
                out.toString())).redirectErrorStream(true).redirectOutput(dir.resolve("webhook.log").toFile()).start());
        return out;
    }

    /** The value of the first series {@code name{...}} carrying all these labels; NaN if none. */
    static double series(Metrics m, String name, Map<String, String> labels) {
        for (String line : m.text.split("\n")) {
            if (!line.startsWith(name + "{")) {
                continue;
            }
            String l = line.substring(0, line.lastIndexOf(' '));
            if (labels.entrySet().stream().allMatch(e -> l.contains(e.getKey() + "=\"" + e.getValue() + "\""))) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Double.NaN;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (Process p : processes.reversed()) {
            p.destroy();
            if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        for (String ns : created.reversed()) {
            Cmd.run(List.of("ip", "netns", "del", ns), 30);
        }
        created.clear();
    }
}

package io.linkguard.agent.cli;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code linkguard bfd show}: the running agent's BFD sessions, laid out like FRR's {@code show bfd peers}. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show the BFD sessions of the running agent (from its /status/bfd endpoint).")
final class BfdShowCommand implements Callable<Integer> {
    @Option(names = "--agent", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:18784",
            description = "the agent's listen address (default: ${DEFAULT-VALUE})")
    String agent;

    @Option(names = "--json", description = "print the JSON as the agent returns it")
    boolean json;

    @Override
    public Integer call() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + agent + "/status/bfd"))
                .timeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> resp;
        try {
            resp = client.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot reach the agent at " + agent + " (" + e.getMessage()
                    + "): is 'linkguard run' running, and is --agent its listen address?");
        }
        if (resp.statusCode() != 200) {
            throw new IllegalStateException("agent at " + agent + " answered HTTP " + resp.statusCode());
        }
        if (json) {
            System.out.println(resp.body());
            return Main.EXIT_OK;
        }
        JsonArray sessions;
        try (JsonReader r = Json.createReader(new StringReader(resp.body()))) {
            sessions = r.readObject().getJsonArray("sessions");
        }
        System.out.println("BFD Peers:");
        for (JsonObject s : sessions.getValuesAs(JsonObject.class)) {
            print(s);
        }
        return Main.EXIT_OK;
    }

    private static String ms(JsonObject s, String key) {
        return String.format(Locale.ROOT, "%.0fms", s.getJsonNumber(key).doubleValue() * 1000);
    }

    private static void print(JsonObject s) {
        StringBuilder b = new StringBuilder();
        b.append("\tpeer ").append(s.getString("peer"));
        if (s.getBoolean("multihop")) {
            b.append(" multihop");
        }
        if (s.containsKey("local")) {
            b.append(" local-address ").append(s.getString("local"));
        }
        if (s.containsKey("interface")) {
            b.append(" interface ").append(s.getString("interface"));
        }
        b.append(" link ").append(s.getString("link")).append('\n');
        b.append("\t\tID: ").append(s.getJsonNumber("local_discriminator")).append('\n');
        b.append("\t\tRemote ID: ").append(s.getJsonNumber("remote_discriminator")).append('\n');
        b.append("\t\tStatus: ").append(s.getString("status")).append('\n');
        b.append("\t\tDiagnostics: ").append(s.getString("diagnostic")).append('\n');
        b.append("\t\tRemote diagnostics: ").append(s.getString("remote_diagnostic")).append('\n');
        b.append("\t\tAuthentication: ").append(s.getString("authentication")).append('\n');
        b.append("\t\tLocal timers:\n");
        b.append("\t\t\tDetect-multiplier: ").append(s.getInt("detect_multiplier")).append('\n');
        b.append("\t\t\tReceive interval: ").append(ms(s, "required_min_rx_seconds")).append('\n');
        b.append("\t\t\tTransmission interval: ").append(ms(s, "desired_min_tx_seconds")).append('\n');
        b.append("\t\tRemote timers:\n");
        b.append("\t\t\tDetect-multiplier: ").append(s.getInt("remote_detect_multiplier")).append('\n');
        b.append("\t\t\tReceive interval: ").append(ms(s, "remote_required_min_rx_seconds")).append('\n');
        b.append("\t\t\tTransmission interval: ").append(ms(s, "remote_desired_min_tx_seconds")).append('\n');
        b.append("\t\tNegotiated: transmit ").append(ms(s, "transmit_interval_seconds"))
                .append(", detection time ").append(ms(s, "detection_time_seconds")).append('\n');
        b.append("\t\tPackets: in ").append(s.getJsonNumber("packets_received"))
                .append(", out ").append(s.getJsonNumber("packets_transmitted"))
                .append(", dropped ").append(s.getJsonNumber("packets_dropped")).append('\n');
        System.out.print(b);
    }
}

package io.linkguard.agent.http;

import io.linkguard.bfd.engine.BfdSessionView;
import io.linkguard.probes.Addresses;
import jakarta.json.JsonObjectBuilder;

import static io.linkguard.alerts.Jsons.JSON;

/** The JSON form of a session, shared by {@code bfd probe --json}, {@code bfd show --json} and {@code /status/bfd}. */
public final class BfdJson {
    private BfdJson() {
    }

    public static JsonObjectBuilder session(BfdSessionView v) {
        var s = v.snapshot();
        var c = v.config();
        JsonObjectBuilder o = JSON.createObjectBuilder()
                .add("link", c.name())
                .add("peer", Addresses.format(c.peer()))
                .add("multihop", c.multihop())
                .add("status", s.sessionState().label())
                .add("diagnostic", s.localDiag().label())
                .add("remote_status", s.remoteSessionState().label())
                .add("remote_diagnostic", s.remoteDiag().label())
                .add("local_discriminator", v.localDiscriminator())
                .add("remote_discriminator", s.remoteDiscr())
                .add("detect_multiplier", s.detectMult())
                .add("remote_detect_multiplier", s.remoteDetectMult())
                .add("desired_min_tx_seconds", s.desiredMinTxMicros() / 1e6)
                .add("required_min_rx_seconds", s.requiredMinRxMicros() / 1e6)
                .add("remote_desired_min_tx_seconds", s.remoteDesiredMinTxMicros() / 1e6)
                .add("remote_required_min_rx_seconds", s.remoteMinRxMicros() / 1e6)
                .add("transmit_interval_seconds", s.txIntervalMicros() / 1e6)
                .add("detection_time_seconds", s.detectionTimeMicros() / 1e6)
                .add("poll_in_progress", s.pollInProgress())
                .add("state_changes", s.stateChanges())
                .add("packets_received", s.packetsReceived())
                .add("packets_transmitted", s.packetsTransmitted())
                .add("packets_dropped", s.packetsDropped())
                .add("send_failures", v.sendFailures())
                .add("authentication", c.auth().map(k -> k.type().label()).orElse("none"));
        c.echoInterval().ifPresent(e -> o.add("echo", JSON.createObjectBuilder()
                .add("interval_seconds", e.toNanos() / 1e9)
                .add("remote_required_min_echo_rx_seconds", s.remoteMinEchoRxMicros() / 1e6)
                .add("packets_sent", v.echoSent()).add("packets_received", v.echoReceived())
                .add("last_rtt_seconds", v.lastEchoRttNanos() < 0 ? -1 : v.lastEchoRttNanos() / 1e9)));
        c.local().ifPresent(l -> o.add("local", Addresses.format(l)));
        c.interfaceName().ifPresent(i -> o.add("interface", i));
        return o;
    }
}

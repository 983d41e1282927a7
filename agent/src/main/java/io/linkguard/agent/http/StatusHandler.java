package io.linkguard.agent.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.linkguard.agent.events.LinkStatus;
import io.linkguard.agent.failover.ActionResult;
import io.linkguard.agent.health.LinkHealthSnapshot;
import io.linkguard.alerts.ChannelStatus;
import io.linkguard.core.Version;
import io.linkguard.bfd.engine.BfdSessionView;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

import static io.linkguard.alerts.Jsons.JSON;

/**
 * {@code GET /status}: every link's health, active path, recent transitions
 * (with the threshold and value that caused them) and recent action runs, and
 * the BFD sessions. No keys, tokens or secrets are ever included. Each link's part is the
 * {@link LinkStatus} its controller last published: read without a lock, never from the controller.
 */
public final class StatusHandler implements HttpHandler {
    private final String node;
    /** Monotonic: a step of the wall clock must not change the uptime. */
    private final long startedNanos = System.nanoTime();
    private final Supplier<List<LinkStatus>> links;
    private final Supplier<List<BfdSessionView>> bfd;

    private final Supplier<List<ChannelStatus>> alerts;

    public StatusHandler(String node, Supplier<List<LinkStatus>> links, Supplier<List<BfdSessionView>> bfd,
                  Supplier<List<ChannelStatus>> alerts) {
        this.alerts = alerts;
        this.node = node;
        this.links = links;
        this.bfd = bfd;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        JsonResponse.send(ex, body());
    }

    /** The whole document; for tests. */
    jakarta.json.JsonObject body() {
        JsonArrayBuilder arr = JSON.createArrayBuilder();
        for (LinkStatus s : links.get()) {
            arr.add(link(s));
        }
        JsonArrayBuilder sessions = JSON.createArrayBuilder();
        bfd.get().forEach(v -> sessions.add(BfdJson.session(v)));
        return JSON.createObjectBuilder()
                .add("node", node).add("version", Version.get())
                .add("uptime_seconds", (System.nanoTime() - startedNanos) / 1e9)
                .add("links", arr).add("bfd_sessions", sessions).add("alert_channels", channels()).build();
    }

    /** Names, types, queues and last results; the channel's URL, token and secret are never known here. */
    private JsonArrayBuilder channels() {
        JsonArrayBuilder arr = JSON.createArrayBuilder();
        for (ChannelStatus c : alerts.get()) {
            JsonObjectBuilder o = JSON.createObjectBuilder().add("name", c.name()).add("type", c.type())
                    .add("queue_depth", c.queueDepth()).add("last_result", c.lastResult())
                    .add("sent", c.sent()).add("failed", c.failed()).add("dropped", c.dropped());
            c.oldestPendingAge().ifPresent(a -> o.add("oldest_pending_seconds", a.toMillis() / 1000.0));
            c.lastAttemptAt().ifPresent(t -> o.add("last_attempt_at", t.toString()));
            arr.add(o);
        }
        return arr;
    }

    /** JSON has no NaN: a figure with no samples behind it is left out, not invented. */
    private static void finite(JsonObjectBuilder o, String key, double v) {
        if (Double.isFinite(v)) {
            o.add(key, v);
        }
    }

    public static JsonObjectBuilder link(LinkStatus st) {
        LinkHealthSnapshot h = st.health();
        JsonObjectBuilder o = JSON.createObjectBuilder()
                .add("link", st.link())
                .add("state", h.state().label())
                .add("in_state_seconds", h.inStateFor().toMillis() / 1000.0)
                .add("samples", h.samples())
                .add("suppressed", h.suppressed())
                .add("failover_active", st.failoverActive())
                .add("failback_pending", st.failbackPending());
        finite(o, "flap_penalty", h.penalty());
        finite(o, "loss_ratio", h.lossRatio());
        if (h.medianRttNanos() >= 0) {
            o.add("rtt_seconds", h.medianRttNanos() / 1e9);
        }
        finite(o, "jitter_seconds", h.jitterNanos() / 1e9);
        st.activePath().ifPresent(p -> o.add("active_path", p));
        // The cause of the present state, not of the last change only: a link Down for interface_absent
        // whose interface is back but whose BFD is not Up yet is Down for bfd_down now.
        h.reason().ifPresent(c -> o.add("reason", c.reason().label()).add("reason_detail", c.detail()));
        JsonArrayBuilder tr = JSON.createArrayBuilder();
        for (LinkStatus.Transition r : st.transitions()) {
            tr.add(JSON.createObjectBuilder().add("at", r.at().toString())
                    .add("from", r.transition().from().label()).add("to", r.transition().to().label())
                    .add("reason", r.transition().reason().label()).add("detail", r.transition().detail()));
        }
        JsonArrayBuilder ac = JSON.createArrayBuilder();
        for (ActionResult a : st.actions()) {
            ac.add(JSON.createObjectBuilder().add("at", a.at().toString()).add("path", a.path())
                    .add("action", a.action()).add("what", a.what()).add("result", a.outcome().label())
                    .add("exit_code", a.exitCode()).add("duration_seconds", a.duration().toNanos() / 1e9)
                    .add("detail", a.detail()));
        }
        return o.add("transitions", tr).add("actions", ac);
    }
}

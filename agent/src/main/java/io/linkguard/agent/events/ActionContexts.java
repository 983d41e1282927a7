package io.linkguard.agent.events;

import io.linkguard.agent.failover.ActionContext;
import io.linkguard.agent.health.FailoverDecision;
import io.linkguard.agent.health.HealthTransition;
import io.linkguard.agent.health.LinkHealthSnapshot;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** What a path switch tells its actions (exec hooks read it as LINKGUARD_* variables). */
final class ActionContexts {
    private ActionContexts() {
    }

    static ActionContext of(String link, FailoverDecision.Switch sw, LinkHealthSnapshot snap,
                            HealthTransition lastTransition) {
        Map<String, String> figures = new HashMap<>();
        figures.put("loss_ratio", Double.isNaN(snap.lossRatio()) ? "" : String.format(Locale.ROOT, "%.4f", snap.lossRatio()));
        figures.put("rtt_seconds", snap.medianRttNanos() < 0 ? "" : String.format(Locale.ROOT, "%.6f", snap.medianRttNanos() / 1e9));
        figures.put("jitter_seconds", String.format(Locale.ROOT, "%.6f", snap.jitterNanos() / 1e9));
        figures.put("flap_penalty", String.format(Locale.ROOT, "%.0f", snap.penalty()));
        String from = lastTransition == null ? "unknown" : lastTransition.from().label();
        return new ActionContext(link, from, snap.state().label(), sw.reason(), sw.fromPath(), sw.toPath(), figures);
    }
}

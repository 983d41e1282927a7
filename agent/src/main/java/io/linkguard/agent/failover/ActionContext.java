package io.linkguard.agent.failover;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why an action runs: handed to exec hooks as environment variables so a
 * script needs no parsing to know what happened.
 *
 * @param link      the link
 * @param fromState link state before, e.g. "up"
 * @param toState   link state now, e.g. "degraded"
 * @param reason    the transition's one-line reason, e.g. "loss 31.0% over 10s >= 5.0% (degraded enter)"
 * @param fromPath  the path traffic was on
 * @param toPath    the path traffic moves to
 * @param figures   key figures, e.g. loss_ratio=0.31, rtt_seconds=0.172
 */
public record ActionContext(String link, String fromState, String toState, String reason, String fromPath,
                            String toPath, Map<String, String> figures) {

    /** LINKGUARD_* variables; figure names upper-cased: LINKGUARD_LOSS_RATIO, LINKGUARD_RTT_SECONDS, ... */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LINKGUARD_LINK", link);
        env.put("LINKGUARD_FROM_STATE", fromState);
        env.put("LINKGUARD_TO_STATE", toState);
        env.put("LINKGUARD_REASON", reason);
        env.put("LINKGUARD_FROM_PATH", fromPath);
        env.put("LINKGUARD_PATH", toPath);
        figures.forEach((k, v) -> env.put("LINKGUARD_" + k.toUpperCase(java.util.Locale.ROOT), v));
        return env;
    }
}

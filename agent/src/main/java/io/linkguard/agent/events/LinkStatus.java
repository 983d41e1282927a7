package io.linkguard.agent.events;

import io.linkguard.agent.failover.ActionResult;
import io.linkguard.agent.health.HealthTransition;
import io.linkguard.agent.health.LinkHealthSnapshot;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@code /status} shows of one link: an immutable snapshot the {@link LinkController} publishes after
 * each batch of facts and each tick, so the HTTP thread reads it with no lock.
 */
public record LinkStatus(String link, LinkHealthSnapshot health, Optional<String> activePath, boolean failoverActive,
                         boolean failbackPending, List<Transition> transitions, List<ActionResult> actions) {

    /** A transition as recorded, with its wall-clock time. */
    public record Transition(HealthTransition transition, Instant at) {
    }
}

package io.linkguard.agent.health;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which path of one link carries its traffic: the primary (path 0, the tunnel) or the backup (path 1),
 * decided from the link's health. Pure: it returns a {@link Switch} when the decision changes and runs
 * nothing; the failover controller runs the chosen path's actions.
 *
 * <ul>
 *   <li>On the primary, the decision moves to the backup when the link is DOWN, or DEGRADED with
 *       {@link FailoverOn#DEGRADED}.</li>
 *   <li>On a backup, it returns to the primary only once the link has been healthy (UP, or also DEGRADED
 *       with {@link FailoverOn#DOWN}) without a break for the failback delay, and flap dampening does not
 *       suppress it. Suppression only holds failback back: it never moves traffic off a healthy primary.</li>
 *   <li>At start, the caller says which path the system is on (it reads the routing table), so a restart
 *       never flips blindly: on the primary, it stays until the link is bad; on a backup, it stays until the
 *       failback delay has passed as above, so an UNKNOWN link keeps traffic on the backup. Only with no
 *       known path does it follow the first judgement at once: the primary on UP, the backup when bad.</li>
 * </ul>
 *
 * <p>Paths beyond the second (further tiers) are never chosen here: this link's health says nothing about
 * them. A system found on one at start counts as on a backup.
 *
 * <p>Evaluate after every health transition and periodically (the failback delay runs out with time
 * alone); the failback clock starts when the link entered its current healthy state, so it is exact as
 * long as no transition is skipped. Not thread-safe: the owner serialises the calls for one link.
 */
public final class FailoverDecision {

    /** {@link #currentPath()} when the system's path is not known yet: not a valid path name. */
    public static final String NO_PATH = "(none)";

    /** Which link state moves traffic off the primary. */
    public enum FailoverOn {
        DEGRADED, DOWN;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param failoverOn    which state moves traffic to the backup
     * @param failbackDelay how long the link must be healthy before traffic returns to the primary
     */
    public record Policy(FailoverOn failoverOn, Duration failbackDelay) {

        public static final Duration DEFAULT_FAILBACK_DELAY = Duration.ofSeconds(30);
        public static final Policy DEFAULT = new Policy(FailoverOn.DEGRADED, DEFAULT_FAILBACK_DELAY);

        public Policy {
            Objects.requireNonNull(failoverOn, "failoverOn");
            if (failbackDelay.isNegative()) {
                throw new IllegalArgumentException("failbackDelay " + failbackDelay + " (expected: >= 0)");
            }
        }
    }

    /**
     * The decision changed: traffic goes from one path to another.
     *
     * @param fromPath the path before, {@link #NO_PATH} if it was unknown
     * @param toPath   the path to switch to
     * @param reason   one line for an operator, e.g. {@code link down: BFD Down: control detection time expired}
     * @param atNanos  when, on the health's monotonic clock
     */
    public record Switch(String fromPath, String toPath, String reason, long atNanos) {

        public Switch {
            Objects.requireNonNull(fromPath, "fromPath");
            Objects.requireNonNull(toPath, "toPath");
            Objects.requireNonNull(reason, "reason");
        }
    }

    private final List<String> paths;
    private final Policy policy;
    private String current;
    /** Start of the link's current unbroken healthy run; -1 when it is not healthy. */
    private long healthySinceNanos = -1;

    /**
     * @param paths              the link's paths in order, at least two: the primary first, then the backup
     * @param currentPathAtStart the path the system is on now (e.g. read from the routing table), if known
     */
    public FailoverDecision(List<String> paths, Policy policy, Optional<String> currentPathAtStart) {
        this.paths = List.copyOf(paths);
        this.policy = Objects.requireNonNull(policy, "policy");
        if (this.paths.size() < 2 || this.paths.stream().distinct().count() != this.paths.size()) {
            throw new IllegalArgumentException("paths " + paths + " (expected: at least 2, unique)");
        }
        currentPathAtStart.filter(p -> !this.paths.contains(p)).ifPresent(p -> {
            throw new IllegalArgumentException("current path " + p + " (expected one of: " + paths + ")");
        });
        this.current = currentPathAtStart.orElse(NO_PATH);
    }

    /** Decides from {@code health} (taken at {@code health.atNanos()}); a switch only if the decision changes. */
    public Optional<Switch> evaluate(LinkHealthSnapshot health) {
        long now = health.atNanos();
        boolean bad = health.state() == LinkState.DOWN
                || health.state() == LinkState.DEGRADED && policy.failoverOn() == FailoverOn.DEGRADED;
        boolean healthy = !bad && health.state() != LinkState.UNKNOWN;
        if (!healthy) {
            healthySinceNanos = -1;
        } else if (healthySinceNanos < 0) {
            healthySinceNanos = health.sinceNanos();
        }
        String primary = paths.get(0);
        if (current.equals(primary)) {
            return bad ? switchTo(paths.get(1), "link " + health.state().label() + detail(health), now)
                    : Optional.empty();
        }
        if (current.equals(NO_PATH)) {
            if (healthy) {
                return switchTo(primary, "link " + health.state().label() + " at start" + detail(health), now);
            }
            return bad ? switchTo(paths.get(1), "link " + health.state().label() + " at start" + detail(health), now)
                    : Optional.empty();
        }
        Duration healthyFor = Duration.ofNanos(healthySinceNanos < 0 ? 0 : now - healthySinceNanos);
        if (healthy && !health.suppressed() && healthyFor.compareTo(policy.failbackDelay()) >= 0) {
            return switchTo(primary, "failback: link " + health.state().label() + " for "
                    + DetailFormat.duration(healthyFor.withNanos(0)) + " (failback delay "
                    + DetailFormat.duration(policy.failbackDelay()) + ")", now);
        }
        return Optional.empty();
    }

    /** The path traffic is on, as far as this decision knows; {@link #NO_PATH} until the first decision. */
    public String currentPath() {
        return current;
    }

    /** Whether traffic is off the primary: the {@code failover active} metric. */
    public boolean failoverActive() {
        return !current.equals(NO_PATH) && !current.equals(paths.get(0));
    }

    /** Whether the link is healthy but flap dampening or the failback delay still holds traffic on a backup. */
    public boolean failbackPending() {
        return failoverActive() && healthySinceNanos >= 0;
    }

    private Optional<Switch> switchTo(String path, String reason, long now) {
        Switch change = new Switch(current, path, reason, now);
        current = path;
        return Optional.of(change);
    }

    private static String detail(LinkHealthSnapshot health) {
        return health.lastTransition().map(t -> ": " + t.detail()).orElse("");
    }
}

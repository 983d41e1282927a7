package io.linkguard.agent.events;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Route drift (what keepalived and strongSwan's updown scripts never notice): which path's routes the kernel
 * should hold now, and whether a route taken away from it is put back or left alone. A route taken away
 * {@link #CONFLICT_COUNT} times within {@link #CONFLICT_WINDOW} is contested by something else on the host
 * (a routing daemon, another script): fighting it would flap traffic, so it is left alone, and alerted,
 * until the next switch of path installs the routes afresh.
 *
 * <p>Pure and confined to the links thread; time is the controller's monotonic nanoseconds.
 */
final class RouteGuard {
    static final int CONFLICT_COUNT = 3;
    static final Duration CONFLICT_WINDOW = Duration.ofMinutes(1);

    /** What to do about routes found changed. */
    enum Verdict {
        /** Put them back: the path is active and its routes were installed. */
        REASSERT,
        /** Taken away too often: leave them, say so once. */
        CONFLICT,
        /** Nothing: not the active path, routes not (yet) installed, or already judged contested. */
        IGNORE
    }

    /** The path whose routes were installed and not switched away from since; null: none known. */
    private String installed;
    private boolean contested;
    private final ArrayDeque<Long> takenAwayNanos = new ArrayDeque<>();

    /** @param reconciled the path the routes pointed at when the link started, if they did */
    RouteGuard(String reconciled) {
        this.installed = reconciled;
    }

    /** A path's actions are about to run (a switch or its retry): until they succeed nothing is watched. */
    void switching() {
        installed = null;
        contested = false;
        takenAwayNanos.clear();
    }

    /** A route action of {@code path} succeeded. */
    void installed(String path) {
        installed = path;
    }

    /** Whether route changes are worth checking for a link whose traffic is on {@code current}. */
    boolean watching(String current) {
        return !contested && current.equals(installed);
    }

    /** The put-back of the last taking-away failed: it was not a conflict, so it does not count as one. */
    void putBackFailed() {
        takenAwayNanos.pollLast();
    }

    /** Routes of {@code path} were found changed at {@code nowNanos}, with {@code current} the active path. */
    Verdict takenAway(String path, String current, long nowNanos) {
        if (!watching(current) || !path.equals(current)) {
            return Verdict.IGNORE;
        }
        takenAwayNanos.addLast(nowNanos);
        while (nowNanos - takenAwayNanos.peekFirst() > CONFLICT_WINDOW.toNanos()) {
            takenAwayNanos.removeFirst();
        }
        if (takenAwayNanos.size() >= CONFLICT_COUNT) {
            contested = true;
            return Verdict.CONFLICT;
        }
        return Verdict.REASSERT;
    }
}

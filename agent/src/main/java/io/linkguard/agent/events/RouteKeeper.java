package io.linkguard.agent.events;

import io.linkguard.agent.failover.ActionContext;
import io.linkguard.agent.failover.ActionOutcome;
import io.linkguard.agent.failover.ActionResult;
import io.linkguard.agent.failover.PathActions;
import io.linkguard.agent.failover.RouteAction;
import io.linkguard.core.log.Log;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One link's route drift, for its {@link LinkController} (confined to the links thread): when the kernel's
 * routes may have changed, the active path's routes are read on the failover thread; what changed comes
 * back as a {@link LinkFact.RouteDrift}, which {@link RouteGuard} judges; a put-back runs there too and
 * comes back as a {@link LinkFact.Reasserted}. A put-back that fails (the route's interface is down or
 * gone) is neither a conflict nor news twice: it is tried again, with backoff, until it works, and an
 * interface coming back up asks for a check at once.
 */
final class RouteKeeper {
    private static final long RETRY_MIN_MILLIS = 1000;
    private static final long RETRY_MAX_MILLIS = 30_000;

    /** What the controller is told to do about a drift: count it, log it, alert it. */
    enum Outcome {
        /** Found changed and being put back: news. */
        PUT_BACK,
        /** Found changed again while an earlier put-back failed: being tried again, not news. */
        RETRYING,
        /** Taken away too often: left alone. */
        CONTESTED,
        NONE
    }

    private final String link;
    private final Map<String, PathActions> paths;
    private final LinkInbox inbox;
    private final Consumer<Runnable> failoverThread;
    private final RouteGuard guard;
    /** A route check is queued on the failover thread: a burst of route changes costs one check. */
    private final AtomicBoolean checkPending = new AtomicBoolean();
    /** Why the routes are to be checked at the next tick due; null: no check due. */
    private String checkCause;
    private long checkNotBeforeNanos;
    private long retryMillis = RETRY_MIN_MILLIS;
    /** The last put-back failed: the next ones are retries until one works. */
    private boolean failing;

    /**
     * @param reconciled     the path the routes pointed at when the link started, if they did
     * @param failoverThread runs a task on the link's failover thread, after what is in flight
     */
    RouteKeeper(String link, Map<String, PathActions> paths, LinkInbox inbox, Consumer<Runnable> failoverThread,
                String reconciled) {
        this.link = link;
        this.paths = paths;
        this.inbox = inbox;
        this.failoverThread = failoverThread;
        this.guard = new RouteGuard(reconciled);
    }

    /** A path's actions are about to run: nothing is watched until its routes are installed. */
    void switching() {
        guard.switching();
        failing = false;
        retryMillis = RETRY_MIN_MILLIS;
    }

    /** A route action of {@code path} succeeded. */
    void installed(String path) {
        guard.installed(path);
        failing = false;
        retryMillis = RETRY_MIN_MILLIS;
    }

    /**
     * The kernel's routes may have changed. Checked at the next tick, not now: when an interface goes down
     * this comes before the fact that fails the link over, and a check queued first would delay the
     * switch's route change on the failover thread.
     */
    void changed(String cause) {
        if (checkCause == null) {
            checkCause = cause;
        }
    }

    /** On each tick: runs the check that is due, if the active path's routes are watched. */
    void tick(String current, long nowNanos) {
        if (checkCause == null || nowNanos - checkNotBeforeNanos < 0) {
            return;
        }
        String cause = checkCause;
        checkCause = null;
        if (guard.watching(current)) {
            check(current, cause);
        }
    }

    private void check(String path, String cause) {
        PathActions p = paths.get(path);
        if (p == null || p.routeActions().isEmpty() || !checkPending.compareAndSet(false, true)) {
            return; // none to check, or one in flight reads the routes after this change too
        }
        failoverThread.accept(() -> {
            checkPending.set(false);
            for (RouteAction a : p.routeActions()) {
                try {
                    Optional<String> drift = a.drift();
                    if (drift.isPresent()) {
                        inbox.offer(new LinkFact.RouteDrift(path, drift.get() + " (" + cause + ")"));
                        return;
                    }
                } catch (IOException e) {
                    Log.warn("link %s: cannot read the routes of path %s: %s", link, path, e.getMessage());
                    return;
                }
            }
        });
    }

    /** The active path's routes were found changed: put back (on the failover thread), or left alone. */
    Outcome drift(String path, String current, ActionContext context, long nowNanos) {
        if (failing) {
            if (guard.watching(current) && path.equals(current)) {
                putBack(path, context);
                return Outcome.RETRYING;
            }
            return Outcome.NONE;
        }
        return switch (guard.takenAway(path, current, nowNanos)) {
            case REASSERT -> {
                putBack(path, context);
                yield Outcome.PUT_BACK;
            }
            case CONFLICT -> Outcome.CONTESTED;
            case IGNORE -> Outcome.NONE;
        };
    }

    private void putBack(String path, ActionContext context) {
        PathActions p = paths.get(path);
        failoverThread.accept(() -> {
            for (RouteAction a : p.routeActions()) {
                ActionResult r = a.run(context);
                inbox.offer(new LinkFact.Reasserted(r));
                if (r.outcome() != ActionOutcome.OK) {
                    break;
                }
            }
        });
    }

    /**
     * A put-back ran. A failure is not a conflict (its interface is down or gone, most likely): the routes
     * are checked again after a backoff, and put back once they can be.
     *
     * @return whether this is the first failure of the episode (news)
     */
    boolean reasserted(ActionResult r, long nowNanos) {
        if (r.outcome() == ActionOutcome.OK) {
            installed(r.path());
            return false;
        }
        boolean first = !failing;
        if (first) {
            guard.putBackFailed();
        }
        failing = true;
        changed("retrying the put-back that failed");
        checkNotBeforeNanos = nowNanos + TimeUnit.MILLISECONDS.toNanos(retryMillis);
        retryMillis = Math.min(RETRY_MAX_MILLIS, retryMillis * 2);
        return first;
    }
}

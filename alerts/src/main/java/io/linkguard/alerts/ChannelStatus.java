package io.linkguard.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One channel as {@code /status} shows it. Holds no URL, token or secret: only the configured name,
 * the type and what happened.
 *
 * @param name             the channel's configured name
 * @param type             {@code slack}, {@code telegram}, {@code webhook} or {@code alertmanager}
 * @param queueDepth       messages waiting: sealed in the spool, plus the group being collected
 * @param oldestPendingAge how long the oldest waiting event has waited; empty when nothing waits
 * @param lastResult       the last attempt's result for a human, e.g. {@code HTTP 200} or
 *                         {@code HTTP 503, retry in 4s}; {@code none yet} before the first
 * @param lastAttemptAt    when the last attempt ended
 * @param sent             messages delivered since start
 * @param failed           attempts that failed since start
 * @param dropped          messages dropped since start (spool full, rejected, corrupt)
 */
public record ChannelStatus(String name, String type, int queueDepth, Optional<Duration> oldestPendingAge,
                            String lastResult, Optional<Instant> lastAttemptAt, long sent, long failed,
                            long dropped) {
}

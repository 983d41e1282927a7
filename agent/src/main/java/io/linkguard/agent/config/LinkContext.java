package io.linkguard.agent.config;

import io.linkguard.config.Field;
import io.linkguard.config.Problems;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** What a probe parser may need to know about the link its probe belongs to. */
final class LinkContext {

    private final Optional<InetAddress> peer;
    private final Optional<InetAddress> source;
    private final boolean sourceGiven;
    private final Problems problems;
    private final Map<String, Integer> claimed = new HashMap<>();

    /**
     * @param peer        the link's peer, empty if it was missing or invalid
     * @param source      the link's source address, empty if absent or invalid
     * @param sourceGiven whether the link has a {@code source} key at all (an invalid one is reported already)
     */
    LinkContext(Optional<InetAddress> peer, Optional<InetAddress> source, boolean sourceGiven, Problems problems) {
        this.peer = peer;
        this.source = source;
        this.sourceGiven = sourceGiven;
        this.problems = problems;
    }

    Optional<InetAddress> source() {
        return source;
    }

    boolean sourceGiven() {
        return sourceGiven;
    }

    Optional<InetAddress> peer() {
        return peer;
    }

    /**
     * Claims something that may exist only once per link, e.g. {@code "tcp probe to port 443"}; reports
     * a duplicate at {@code field} if it was already claimed.
     *
     * @return whether the claim succeeded
     */
    boolean claimUnique(String what, Field field) {
        Integer first = claimed.putIfAbsent(what, field.line());
        if (first != null) {
            problems.add(field, "duplicate " + what + " on this link (first at line " + first + ")");
            return false;
        }
        return true;
    }
}

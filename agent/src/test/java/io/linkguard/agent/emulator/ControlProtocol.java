package io.linkguard.agent.emulator;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * The emulator's control line protocol: one command per line on its stdin, one reply
 * per line on its stdout. Durations are ISO-8601 ({@code PT0.05S}), so the unit is
 * always in the value. Both ends live here, so the format is written down once.
 *
 * <pre>
 * delay     &lt;dir&gt; &lt;duration&gt;                       fixed one-way delay
 * jitter    &lt;dir&gt; &lt;duration&gt; uniform|normal ordered|reorder
 * loss      &lt;dir&gt; &lt;probability 0..1&gt;
 * blackhole &lt;dir&gt; on|off
 * flap      &lt;dir&gt; &lt;down&gt; &lt;period&gt; &lt;total&gt;       down first, starting now
 * flap      &lt;dir&gt; off
 * restore   &lt;dir&gt;                                  blackhole and flap off at once; the rest stays
 * reset     &lt;dir&gt;                                  back to a perfect link
 * stats                                          → ok a2b.received=… (see {@link LinkStats})
 * quit
 * &lt;dir&gt; = a2b | b2a | both          replies: "ok[ payload]" or "err message"
 * </pre>
 */
final class ControlProtocol {
    static final String OK = "ok";
    static final String ERR = "err";
    static final String QUIT = "quit";
    static final String STATS = "stats";

    /** What the commands act on. */
    interface Link {
        /** Replaces one single direction's impairment. */
        void update(Direction single, UnaryOperator<Impairment> change);

        LinkStats stats();
    }

    private ControlProtocol() {
    }

    static String delay(Direction d, Duration delay) {
        return "delay " + d.wire + " " + delay;
    }

    static String jitter(Direction d, Duration jitter, JitterShape shape, boolean preserveOrder) {
        return "jitter " + d.wire + " " + jitter + " " + shape.wire + " " + (preserveOrder ? "ordered" : "reorder");
    }

    static String loss(Direction d, double probability) {
        return "loss " + d.wire + " " + probability;
    }

    static String blackhole(Direction d, boolean on) {
        return "blackhole " + d.wire + " " + (on ? "on" : "off");
    }

    static String flap(Direction d, Duration down, Duration period, Duration total) {
        return "flap " + d.wire + " " + down + " " + period + " " + total;
    }

    static String flapOff(Direction d) {
        return "flap " + d.wire + " off";
    }

    static String restore(Direction d) {
        return "restore " + d.wire;
    }

    static String reset(Direction d) {
        return "reset " + d.wire;
    }

    /** Carries out one command line (other than quit) and returns the reply line. */
    static String apply(String line, Link link, LongSupplier clock) {
        String[] w = line.trim().split("\\s+");
        try {
            String command = w[0].toLowerCase(Locale.ROOT);
            if (command.equals(STATS)) {
                arity(w, 1);
                return OK + " " + link.stats().toWire();
            }
            if (w.length < 2) {
                throw new IllegalArgumentException("'" + line.trim() + "' (expected: a command and a direction)");
            }
            Direction dir = Direction.fromWire(w[1]);
            UnaryOperator<Impairment> change = switch (command) {
                case "delay" -> {
                    arity(w, 3);
                    Duration delay = duration(w[2]);
                    yield i -> i.withDelay(delay);
                }
                case "jitter" -> {
                    arity(w, 5);
                    Duration jitter = duration(w[2]);
                    JitterShape shape = JitterShape.fromWire(w[3]);
                    boolean ordered = choice(w[4], "ordered", "reorder");
                    yield i -> i.withJitter(jitter, shape, ordered);
                }
                case "loss" -> {
                    arity(w, 3);
                    double p = Double.parseDouble(w[2]);
                    yield i -> i.withLoss(p);
                }
                case "blackhole" -> {
                    arity(w, 3);
                    boolean on = choice(w[2], "on", "off");
                    yield i -> i.withBlackhole(on);
                }
                case "flap" -> {
                    if (w.length == 3 && w[2].equals("off")) {
                        yield i -> i.withFlap(Flap.NONE);
                    }
                    arity(w, 5);
                    Flap flap = Flap.starting(clock.getAsLong(), duration(w[2]), duration(w[3]), duration(w[4]));
                    yield i -> i.withFlap(flap);
                }
                case "restore" -> {
                    arity(w, 2);
                    yield i -> i.withBlackhole(false).withFlap(Flap.NONE);
                }
                case "reset" -> {
                    arity(w, 2);
                    yield i -> Impairment.NONE;
                }
                default -> throw new IllegalArgumentException("command " + w[0]
                        + " (expected: delay, jitter, loss, blackhole, flap, restore, reset, stats or quit)");
            };
            // Validate once (the record checks its values) before touching the live link.
            change.apply(Impairment.NONE);
            for (Direction single : dir.each()) {
                link.update(single, change);
            }
            return OK;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return ERR + " " + e.getMessage();
        }
    }

    private static void arity(String[] words, int expected) {
        if (words.length != expected) {
            throw new IllegalArgumentException(words[0] + " with " + (words.length - 1) + " arguments (expected: "
                    + (expected - 1) + ")");
        }
    }

    private static Duration duration(String s) {
        Duration d = Duration.parse(s);
        if (d.isNegative()) {
            throw new IllegalArgumentException("duration " + s + " (expected: not negative)");
        }
        return d;
    }

    private static boolean choice(String s, String yes, String no) {
        if (s.equals(yes)) {
            return true;
        }
        if (s.equals(no)) {
            return false;
        }
        throw new IllegalArgumentException(s + " (expected: " + yes + " or " + no + ")");
    }
}

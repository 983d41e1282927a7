package io.linkguard.agent.emulator;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Counters of both directions at one moment, and their form on the control line:
 * space-separated {@code key=value}, keys prefixed by the direction ({@code a2b.relayed=12}).
 */
public record LinkStats(DirectionStats aToB, DirectionStats bToA) {

    /**
     * One direction's counters.
     *
     * @param received       packets read from the sending side's TUN device
     * @param relayed        packets written to the receiving side's TUN device
     * @param dropped        packets dropped, by reason (every reason present, zero included)
     * @param inFlight       packets in the delay line now
     * @param lateMaxNanos   the most a packet left after its due time
     * @param lateTotalNanos the sum over relayed packets of how late each left (mean = total / relayed)
     */
    public record DirectionStats(long received, long relayed, Map<DropReason, Long> dropped, long inFlight,
                                 long lateMaxNanos, long lateTotalNanos) {
        public DirectionStats {
            dropped = Map.copyOf(dropped);
        }

        public long dropped(DropReason reason) {
            return dropped.getOrDefault(reason, 0L);
        }

        public long droppedTotal() {
            return dropped.values().stream().mapToLong(Long::longValue).sum();
        }

        public double lateMeanMicros() {
            return relayed == 0 ? 0 : lateTotalNanos / 1000.0 / relayed;
        }

        void appendTo(String prefix, StringJoiner out) {
            out.add(prefix + ".received=" + received);
            out.add(prefix + ".relayed=" + relayed);
            for (DropReason r : DropReason.values()) {
                out.add(prefix + ".dropped." + r.wire + "=" + dropped(r));
            }
            out.add(prefix + ".in_flight=" + inFlight);
            out.add(prefix + ".late_max_ns=" + lateMaxNanos);
            out.add(prefix + ".late_total_ns=" + lateTotalNanos);
        }

        static DirectionStats parse(String prefix, Map<String, Long> values) {
            Map<DropReason, Long> dropped = new EnumMap<>(DropReason.class);
            for (DropReason r : DropReason.values()) {
                dropped.put(r, get(values, prefix + ".dropped." + r.wire));
            }
            return new DirectionStats(get(values, prefix + ".received"), get(values, prefix + ".relayed"), dropped,
                    get(values, prefix + ".in_flight"), get(values, prefix + ".late_max_ns"),
                    get(values, prefix + ".late_total_ns"));
        }

        private static long get(Map<String, Long> values, String key) {
            Long v = values.get(key);
            if (v == null) {
                throw new IllegalArgumentException("stats line has no " + key + " (expected: every counter)");
            }
            return v;
        }
    }

    public DirectionStats of(Direction direction) {
        return switch (direction) {
            case A_TO_B -> aToB;
            case B_TO_A -> bToA;
            case BOTH -> throw new IllegalArgumentException("stats are per direction (expected: A_TO_B or B_TO_A)");
        };
    }

    String toWire() {
        StringJoiner out = new StringJoiner(" ");
        aToB.appendTo(Direction.A_TO_B.wire, out);
        bToA.appendTo(Direction.B_TO_A.wire, out);
        return out.toString();
    }

    static LinkStats fromWire(String line) {
        Map<String, Long> values = new HashMap<>();
        for (String field : line.trim().split("\\s+")) {
            int eq = field.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("stats field " + field + " (expected: key=value)");
            }
            values.put(field.substring(0, eq), Long.parseLong(field.substring(eq + 1)));
        }
        return new LinkStats(DirectionStats.parse(Direction.A_TO_B.wire, values),
                DirectionStats.parse(Direction.B_TO_A.wire, values));
    }

    @Override
    public String toString() {
        return toWire();
    }
}

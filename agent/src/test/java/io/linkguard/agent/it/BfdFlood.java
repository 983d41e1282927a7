package io.linkguard.agent.it;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.SplittableRandom;

/**
 * Sends valid-looking BFD control packets at a fixed rate for a fixed time:
 * half with random nonzero Your Discriminators from the first source, half
 * with Your Discriminator 0 from the second source, which no session is
 * configured for. Run inside a test namespace by BfdInteropIT; bounded in
 * rate and time. Args: target-ip from1 from2 packets-per-second seconds.
 */
public final class BfdFlood {
    public static void main(String[] args) throws Exception {
        InetSocketAddress target = new InetSocketAddress(args[0], 3784);
        int pps = Integer.parseInt(args[3]);
        long seconds = Math.min(60, Long.parseLong(args[4]));
        SplittableRandom r = new SplittableRandom(5880);
        ByteBuffer b = ByteBuffer.allocate(24);
        long sent = 0;
        try (DatagramChannel a = DatagramChannel.open(); DatagramChannel c = DatagramChannel.open()) {
            a.bind(new InetSocketAddress(args[1], 0));
            c.bind(new InetSocketAddress(args[2], 0));
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            long gapNanos = 1_000_000_000L / pps;
            while (System.nanoTime() < end) {
                long due = start + sent * gapNanos;
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                boolean unknownDiscr = (sent & 1) == 0;
                b.clear();
                b.put((byte) 0x20);                                  // version 1, diag 0
                b.put((byte) 0x40);                                  // state Down, no flags
                b.put((byte) 3).put((byte) 24);                      // detect mult 3, length 24
                b.putInt(1 + r.nextInt(Integer.MAX_VALUE));          // my discriminator
                b.putInt(unknownDiscr ? 1 + r.nextInt(Integer.MAX_VALUE) : 0);
                b.putInt(1_000_000).putInt(1_000_000).putInt(0);    // intervals
                b.flip();
                (unknownDiscr ? a : c).send(b, target);
                sent++;
            }
        }
        System.out.println("sent " + sent);
    }
}

package io.linkguard.probes.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The IPv4 addresses a receive loop saw last, so hearing the same peers again does not build an
 * {@link InetAddress} (three objects) and an {@link InetSocketAddress} per packet: at 1000 BFD
 * sessions that was a fifth of all allocation. Direct-mapped and lossy (a clash just builds anew).
 * It starts small and doubles while more than an eighth of lookups miss, up to {@link #MAX_SLOTS}, so
 * a receiver with one peer stays tiny and one with a thousand stops thrashing. Owned by one receive
 * thread, like its {@link ReceivedMessage}.
 */
final class Inet4Cache {
    static final int MIN_SLOTS = 16;
    static final int MAX_SLOTS = 8192;
    private int[] addressKeys = new int[0];
    private InetAddress[] addresses = new InetAddress[0];
    private long[] socketKeys = new long[0];
    private InetSocketAddress[] sockets = new InetSocketAddress[0];
    private int lookups;
    private int misses;

    /** The address whose network-order bytes, read as a big-endian int, are {@code raw}. */
    InetAddress address(int raw) {
        if (addresses.length == 0) {
            resize(MIN_SLOTS);
        }
        int i = slot(raw, addresses.length);
        boolean hit = addresses[i] != null && addressKeys[i] == raw;
        InetAddress a = cached(raw);
        counted(!hit);
        return a;
    }

    /** The cached address, built and stored on a miss; not counted (callers count their own lookups). */
    private InetAddress cached(int raw) {
        int i = slot(raw, addresses.length);
        InetAddress a = addresses[i];
        if (a == null || addressKeys[i] != raw) {
            a = build(raw);
            addresses[i] = a;
            addressKeys[i] = raw;
        }
        return a;
    }

    InetSocketAddress socketAddress(int raw, int port) {
        if (sockets.length == 0) {
            resize(MIN_SLOTS);
        }
        long key = (Integer.toUnsignedLong(raw) << 16) | port;
        int i = slot(Long.hashCode(key * 0x9E3779B97F4A7C15L), sockets.length);
        InetSocketAddress s = sockets[i];
        if (s == null || socketKeys[i] != key) {
            s = new InetSocketAddress(cached(raw), port);
            sockets[i] = s;
            socketKeys[i] = key;
            counted(true);
        } else {
            counted(false);
        }
        return s;
    }

    /** Slots now (for tests). */
    int slots() {
        return addresses.length;
    }

    /** Every 4 x slots lookups: grow if over an eighth missed. */
    private void counted(boolean miss) {
        misses += miss ? 1 : 0;
        if (++lookups < 4 * addresses.length) {
            return;
        }
        if (misses * 8 > lookups && addresses.length < MAX_SLOTS) {
            resize(addresses.length * 2);
        }
        lookups = 0;
        misses = 0;
    }

    private void resize(int slots) {
        addressKeys = new int[slots];
        addresses = new InetAddress[slots];
        socketKeys = new long[slots];
        sockets = new InetSocketAddress[slots];
        lookups = 0;
        misses = 0;
    }

    private static int slot(int h, int slots) {
        return ((h * 0x9E3779B9) >>> 16 ^ h) & (slots - 1);
    }

    private static InetAddress build(int raw) {
        try {
            return InetAddress.getByAddress(SockAddr.bytes(raw));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // never for 4 bytes
        }
    }
}

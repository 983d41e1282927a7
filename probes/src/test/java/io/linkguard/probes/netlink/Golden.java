package io.linkguard.probes.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Golden rtnetlink messages as x86_64/aarch64 (little-endian) hosts send them, one field per line.
 * Sequence 0x01020304, port id 0x1234 unless said otherwise.
 */
final class Golden {
    static final int SEQ = 0x01020304;
    static final int PORT = 0x1234;

    /** RTM_NEWLINK eth0: index 3, ether, up+running, oper UP, mtu 1500, 02:00:00:00:00:01, stats64. */
    static final byte[] NEWLINK = hex(""
            + "8c000000" // nlmsg_len 140
            + "1000" // nlmsg_type RTM_NEWLINK (16)
            + "0000" // nlmsg_flags
            + "04030201" // nlmsg_seq
            + "34120000" // nlmsg_pid
            + "00" // ifi_family AF_UNSPEC
            + "00" // __ifi_pad
            + "0100" // ifi_type ARPHRD_ETHER (1)
            + "03000000" // ifi_index 3
            + "43100100" // ifi_flags IFF_UP|IFF_BROADCAST|IFF_RUNNING|IFF_MULTICAST|IFF_LOWER_UP (0x11043)
            + "00000000" // ifi_change
            + "0900" + "0300" + "6574683000" + "000000" // IFLA_IFNAME (3) len 9 "eth0\0", 3 bytes padding
            + "0800" + "0400" + "dc050000" // IFLA_MTU (4) 1500
            + "0500" + "1000" + "06" + "000000" // IFLA_OPERSTATE (16) IF_OPER_UP (6), padding
            + "0a00" + "0100" + "020000000001" + "0000" // IFLA_ADDRESS (1) 02:00:00:00:00:01, padding
            + "4400" + "1700" // IFLA_STATS64 (23) len 68: the first 8 u64 of rtnl_link_stats64
            + "0a00000000000000" // rx_packets 10
            + "1400000000000000" // tx_packets 20
            + "e803000000000000" // rx_bytes 1000
            + "d007000000000000" // tx_bytes 2000
            + "0100000000000000" // rx_errors 1
            + "0200000000000000" // tx_errors 2
            + "0300000000000000" // rx_dropped 3
            + "0400000000000000"); // tx_dropped 4

    /** RTM_NEWADDR 192.0.2.1/24 on index 2, with a point-to-point peer 192.0.2.2 in IFA_ADDRESS. */
    static final byte[] NEWADDR_V4 = hex(""
            + "34000000" // nlmsg_len 52
            + "1400" // nlmsg_type RTM_NEWADDR (20)
            + "0000" // nlmsg_flags
            + "04030201" // nlmsg_seq
            + "34120000" // nlmsg_pid
            + "02" // ifa_family AF_INET
            + "18" // ifa_prefixlen 24
            + "80" // ifa_flags IFA_F_PERMANENT
            + "00" // ifa_scope RT_SCOPE_UNIVERSE
            + "02000000" // ifa_index 2
            + "0800" + "0100" + "c0000202" // IFA_ADDRESS (1) 192.0.2.2, the peer
            + "0800" + "0200" + "c0000201" // IFA_LOCAL (2) 192.0.2.1, ours
            + "0900" + "0300" + "6574683000" + "000000"); // IFA_LABEL (3) "eth0\0", padding

    /** RTM_NEWADDR 2001:db8::1/64 on index 2 (IFA_ADDRESS only, as IPv6 sends it). */
    static final byte[] NEWADDR_V6 = hex(""
            + "2c000000" // nlmsg_len 44
            + "1400" // nlmsg_type RTM_NEWADDR (20)
            + "0000" // nlmsg_flags
            + "04030201" // nlmsg_seq
            + "34120000" // nlmsg_pid
            + "0a" // ifa_family AF_INET6
            + "40" // ifa_prefixlen 64
            + "80" // ifa_flags IFA_F_PERMANENT
            + "00" // ifa_scope
            + "02000000" // ifa_index 2
            + "1400" + "0100" + "20010db8000000000000000000000001"); // IFA_ADDRESS (1) 2001:db8::1

    /** RTM_NEWROUTE 10.2.0.0/16 via 10.0.0.9 dev 7 table 1000 metric 100 proto boot. */
    static final byte[] NEWROUTE_V4 = hex(""
            + "44000000" // nlmsg_len 68
            + "1800" // nlmsg_type RTM_NEWROUTE (24)
            + "0000" // nlmsg_flags
            + "04030201" // nlmsg_seq
            + "34120000" // nlmsg_pid
            + "02" // rtm_family AF_INET
            + "10" // rtm_dst_len 16
            + "00" // rtm_src_len
            + "00" // rtm_tos
            + "fc" // rtm_table RT_TABLE_COMPAT (252): the table does not fit, see RTA_TABLE
            + "03" // rtm_protocol RTPROT_BOOT
            + "00" // rtm_scope RT_SCOPE_UNIVERSE
            + "01" // rtm_type RTN_UNICAST
            + "00000000" // rtm_flags
            + "0800" + "0f00" + "e8030000" // RTA_TABLE (15) 1000
            + "0800" + "0100" + "0a020000" // RTA_DST (1) 10.2.0.0
            + "0800" + "0500" + "0a000009" // RTA_GATEWAY (5) 10.0.0.9
            + "0800" + "0400" + "07000000" // RTA_OIF (4) 7
            + "0800" + "0600" + "64000000"); // RTA_PRIORITY (6) 100

    /** RTM_NEWNEIGH 192.0.2.2 lladdr 02:00:00:00:00:02 REACHABLE on index 3. */
    static final byte[] NEWNEIGH = hex(""
            + "30000000" // nlmsg_len 48
            + "1c00" // nlmsg_type RTM_NEWNEIGH (28)
            + "0000" // nlmsg_flags
            + "04030201" // nlmsg_seq
            + "34120000" // nlmsg_pid
            + "02" // ndm_family AF_INET
            + "00" // ndm_pad1
            + "0000" // ndm_pad2
            + "03000000" // ndm_ifindex 3
            + "0200" // ndm_state NUD_REACHABLE
            + "00" // ndm_flags
            + "01" // ndm_type RTN_UNICAST
            + "0800" + "0100" + "c0000202" // NDA_DST (1) 192.0.2.2
            + "0a00" + "0200" + "020000000002" + "0000"); // NDA_LLADDR (2) 02:00:00:00:00:02, padding

    /** NLMSG_ERROR with error 0: the ack of an RTM_NEWROUTE (NLM_F_CAPPED: payload left out). */
    static final byte[] ACK = hex(""
            + "24000000" // nlmsg_len 36
            + "0200" // nlmsg_type NLMSG_ERROR (2)
            + "0001" // nlmsg_flags NLM_F_CAPPED (0x100)
            + "04030201" // nlmsg_seq
            + "34120000" // nlmsg_pid
            + "00000000" // error 0: ack
            + "3c000000" // request nlmsg_len 60
            + "1800" // request nlmsg_type RTM_NEWROUTE
            + "0505" // request nlmsg_flags REQUEST|ACK|REPLACE|CREATE
            + "04030201" // request nlmsg_seq
            + "34120000"); // request nlmsg_pid

    /** NLMSG_ERROR with error -19 (ENODEV). */
    static final byte[] ERROR_ENODEV = hex(""
            + "24000000" // nlmsg_len 36
            + "0200" // nlmsg_type NLMSG_ERROR (2)
            + "0001" // nlmsg_flags NLM_F_CAPPED
            + "04030201" // nlmsg_seq
            + "34120000" // nlmsg_pid
            + "edffffff" // error -19: -ENODEV
            + "3c000000" // request nlmsg_len 60
            + "1800" // request nlmsg_type RTM_NEWROUTE
            + "0505" // request nlmsg_flags
            + "04030201" // request nlmsg_seq
            + "34120000"); // request nlmsg_pid

    /** NLMSG_ERROR -22 (EINVAL) with an extended ack: the kernel's text in NLMSGERR_ATTR_MSG. */
    static final byte[] ERROR_EXTACK = hex(""
            + "44000000" // nlmsg_len 68
            + "0200" // nlmsg_type NLMSG_ERROR (2)
            + "0003" // nlmsg_flags NLM_F_CAPPED|NLM_F_ACK_TLVS (0x300)
            + "04030201" // nlmsg_seq
            + "34120000" // nlmsg_pid
            + "eaffffff" // error -22: -EINVAL
            + "3c000000" // request nlmsg_len 60 (its payload left out: capped)
            + "1800" // request nlmsg_type RTM_NEWROUTE
            + "0505" // request nlmsg_flags
            + "04030201" // request nlmsg_seq
            + "34120000" // request nlmsg_pid
            + "2000" + "0100" // NLMSGERR_ATTR_MSG (1) len 32
            + "4e657874686f702068617320696e76616c6964206761746577617900"); // "Nexthop has invalid gateway\0"

    /** NLMSG_DONE ending a dump. */
    static final byte[] DONE = hex(""
            + "14000000" // nlmsg_len 20
            + "0300" // nlmsg_type NLMSG_DONE (3)
            + "0200" // nlmsg_flags NLM_F_MULTI
            + "04030201" // nlmsg_seq
            + "34120000" // nlmsg_pid
            + "00000000"); // the dump's result: 0

    static final Map<String, byte[]> ALL = Map.of("NEWLINK", NEWLINK, "NEWADDR_V4", NEWADDR_V4, "NEWADDR_V6",
            NEWADDR_V6, "NEWROUTE_V4", NEWROUTE_V4, "NEWNEIGH", NEWNEIGH, "ACK", ACK, "ERROR_ENODEV", ERROR_ENODEV,
            "ERROR_EXTACK", ERROR_EXTACK,
            "DONE", DONE);

    private Golden() {
    }

    static byte[] hex(String s) {
        byte[] b = HexFormat.of().parseHex(s);
        int declared = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        if (declared != b.length) {
            throw new AssertionError("golden message of " + b.length + " bytes declares nlmsg_len " + declared);
        }
        return b;
    }

    /** Several messages in one datagram, each padded to 4 bytes. */
    static ByteBuffer datagram(List<byte[]> messages) {
        int n = messages.stream().mapToInt(m -> NetlinkHeader.align(m.length)).sum();
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] m : messages) {
            b.put(m);
            b.position(NetlinkHeader.align(b.position()));
        }
        return b.flip();
    }

    /** A copy of {@code message} with nlmsg_len, seq and pid changed (for the fake kernel). */
    static byte[] with(byte[] message, int seq, int pid, int flags) {
        byte[] c = message.clone();
        ByteBuffer b = ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(NetlinkHeader.FLAGS, (short) flags);
        b.putInt(NetlinkHeader.SEQ, seq);
        b.putInt(NetlinkHeader.PID, pid);
        return c;
    }
}

package io.linkguard.bfd.echo;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fuzz test for {@link NeighborTable#parse}: whatever /proc/net/arp holds, parsing throws nothing
 * (it documents no exception) and a neighbour it returns has a 6-byte hardware address. The IP
 * looked up is the first word of the second line, so seeds reach the entry checks. Regression
 * inputs: {@code src/test/resources/io/linkguard/bfd/echo/NeighborTableFuzzTestInputs/parse/}.
 */
class NeighborTableFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void parse(byte[] input) {
        List<String> lines = new String(input, StandardCharsets.UTF_8).lines().toList();
        String ip = lines.size() > 1 && !lines.get(1).isBlank() ? lines.get(1).trim().split("\\s+")[0] : "198.18.0.2";
        NeighborTable.Lookup l = NeighborTable.parse(lines, ip);
        assertThat(l.neighbor().isPresent() && l.refused().isPresent()).isFalse();
        l.neighbor().ifPresent(n -> assertThat(n.mac()).hasSize(NeighborTable.MAC_BYTES));
    }

    @Test
    void seedDirectoryExists() {
        assertThat(NeighborTableFuzzTest.class.getResource("NeighborTableFuzzTestInputs/parse")).isNotNull();
    }
}

package io.linkguard.probes.icmp;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class EchoIdentifiersTest {
    @Test
    void reservedIdentifiersAreDistinctUntilReleased() {
        SplittableRandom random = new SplittableRandom(7);
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            int id = EchoIdentifiers.reserve(random);
            assertThat(id).isBetween(0, 0xffff);
            assertThat(EchoIdentifiers.held(id)).isTrue();
            assertThat(ids.add(id)).as("handed out twice: %d", id).isTrue();
        }
        ids.forEach(EchoIdentifiers::release);
        ids.forEach(id -> assertThat(EchoIdentifiers.held(id)).isFalse());
    }
}

package io.linkguard.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageCodecTest {
    @Test
    void roundTripKeepsEveryFieldAndTheFigureOrder() {
        Message m = new Message("5b3c1f8e-1", Events.T0, List.of(Events.down("la-sg", "a <b> & \"c\""),
                Events.numbered(1)));

        Message back = MessageCodec.decode(MessageCodec.encode(m));

        assertThat(back).isEqualTo(m);
        assertThat(back.events().getFirst().figures().keySet())
                .containsExactly("rtt_ms", "loss_pct", "bfd_diag", "active_path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[]", "{\"v\":1}", "{\"v\":2,\"id\":\"x\",\"created\":\"2025-05-01T12:00:00Z\","
            + "\"events\":[]}", "{\"v\":1,\"id\":\"x\",\"created\":\"yesterday\",\"events\":[]}",
            "{\"v\":1,\"id\":\"x\",\"created\":\"2025-05-01T12:00:00Z\",\"events\":[]}",
            "{\"v\":1,\"id\":\"x\",\"created\":\"2025-05-01T12:00:00Z\",\"events\":[{\"kind\":\"nope\"}]}"})
    void anythingElseIsAnIllegalArgument(String text) {
        assertThatThrownBy(() -> MessageCodec.decode(text.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package io.linkguard.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {
    private static final String SLACK = "https://hooks.slack.test/services/T0001/B0002/XyZsecretPart42";
    private static final String TOKEN = "123456789:AAHsecretTelegramTokenValue_0123456";

    @Test
    void masksSecretsTheirUrlPartsAndAnyUrl() {
        Redactor r = new Redactor(List.of(SLACK, TOKEN, "hmac-key-value"));

        assertThat(r.apply("POST " + SLACK + " failed")).doesNotContain("XyZsecretPart42").doesNotContain("hooks");
        assertThat(r.apply("path /services/T0001/B0002/XyZsecretPart42 not found")).doesNotContain("XyZsecret");
        assertThat(r.apply("IOException: 500 for URL: http://127.0.0.1:1/bot" + TOKEN + "/sendMessage"))
                .doesNotContain(TOKEN).doesNotContain("AAHsecret").contains("<url>");
        assertThat(r.apply("key hmac-key-value leaked")).isEqualTo("key [redacted] leaked");
        assertThat(r.apply("Connection refused")).isEqualTo("Connection refused");
        assertThat(new Redactor(List.of("https://hook.test/in/abcdefghijkl?key=0123456789xyz&x=1"))
                .apply("echo abcdefghijkl and 0123456789xyz")).isEqualTo("echo [redacted] and [redacted]");
    }

    @Test
    void tokenShapedTextIsMaskedEvenIfUnknown() {
        Redactor r = new Redactor(List.of());
        assertThat(r.apply("bad bot 987654321:ABCDEFGHIJKLMNOPQRSTUVWXYZ012345678 here"))
                .isEqualTo("bad bot [redacted] here");
    }

    @Test
    void veryShortValuesAreNotMasked() {
        assertThat(new Redactor(List.of("ab")).apply("about")).isEqualTo("about");
        assertThat(new Redactor(List.of()).apply(null)).isEmpty();
    }
}

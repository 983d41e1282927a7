package io.linkguard.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkupEscapingTest {
    @Test
    void slackEscapesOnlyItsThreeControlCharacters() {
        assertThat(MarkupEscaping.slack("<!channel> a&b > c \"q\" 'x' *y*"))
                .isEqualTo("&lt;!channel&gt; a&amp;b &gt; c \"q\" 'x' *y*");
    }

    @Test
    void telegramEscapesTheFourNamedEntities() {
        assertThat(MarkupEscaping.telegramHtml("<b>x</b> & \"y\" 'z'"))
                .isEqualTo("&lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot; 'z'");
    }

    @Test
    void anAlreadyEscapedValueIsEscapedAgain() {
        // A value is data: "&amp;" in a reason must show as "&amp;", not as "&".
        assertThat(MarkupEscaping.slack("&amp;")).isEqualTo("&amp;amp;");
        assertThat(MarkupEscaping.telegramHtml("&lt;")).isEqualTo("&amp;lt;");
    }
}

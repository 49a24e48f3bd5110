package io.tokenwarden.infrastructure.freeagent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProviderErrorsTest {

  /** Retry-After in seconds is honoured; garbage or an HTTP date falls back to 60 s. */
  @Test
  void retryAfterIsReadDefensively() {
    assertThat(ProviderErrors.retryAfter("17")).isEqualTo(Duration.ofSeconds(17));
    assertThat(ProviderErrors.retryAfter(" 60 ")).isEqualTo(Duration.ofSeconds(60));
    assertThat(ProviderErrors.retryAfter("0")).isEqualTo(Duration.ofSeconds(1));
    assertThat(ProviderErrors.retryAfter(null)).isEqualTo(Duration.ofSeconds(60));
    assertThat(ProviderErrors.retryAfter("Wed, 21 Oct 2026 07:28:00 GMT"))
        .isEqualTo(Duration.ofSeconds(60));
    assertThat(ProviderErrors.retryAfter("-3")).isEqualTo(Duration.ofSeconds(60));
  }
}

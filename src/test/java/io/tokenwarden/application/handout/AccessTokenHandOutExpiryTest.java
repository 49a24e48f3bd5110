package io.tokenwarden.application.handout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenwarden.application.refresh.ProviderStateStore;
import io.tokenwarden.application.refresh.RefreshMetrics;
import io.tokenwarden.domain.ConnectionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The last check before a token leaves: one past its expiry is never served, and the attempt is
 * counted ({@code tokenwarden.handout.expired.prevented}, which must stay 0).
 */
class AccessTokenHandOutExpiryTest {

  private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

  private final AtomicInteger prevented = new AtomicInteger();
  private final AccessTokenHandOut handOut = new AccessTokenHandOut();
  private final ConnectionNote note =
      new ConnectionNote(ConnectionStatus.CONNECTED, Duration.ofHours(1), null, 0, null);

  {
    handOut.metrics =
        new RefreshMetrics() {
          @Override
          public void expiredHandOutPrevented() {
            prevented.incrementAndGet();
          }
        };
    handOut.providerStates = new ProviderStateStore();
    handOut.refreshTokenWarning = Duration.ofDays(14);
  }

  @Test
  void anExpiredTokenIsCountedAndNotServed() {
    HandedOutToken expired = new HandedOutToken("token-1", NOW);

    assertThatThrownBy(() -> handOut.answer(expired, note, NOW))
        .isInstanceOf(TokenUnavailableException.class)
        .hasMessageNotContaining("token-1");
    assertThat(prevented).hasValue(1);
  }

  @Test
  void aValidTokenIsServedWithStatusAndWarnings() {
    HandOutAnswer answer =
        handOut.answer(new HandedOutToken("token-1", NOW.plusSeconds(1)), note, NOW);

    assertThat(answer.token().accessToken()).isEqualTo("token-1");
    assertThat(answer.status()).isEqualTo(ConnectionStatus.CONNECTED);
    assertThat(answer.warnings()).isEmpty();
    assertThat(prevented).hasValue(0);
  }
}

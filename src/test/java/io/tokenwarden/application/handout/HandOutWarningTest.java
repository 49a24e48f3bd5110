package io.tokenwarden.application.handout;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.domain.ConnectionStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A hand-out warns while the token still works: failing refreshes, expiry ahead, throttling. */
class HandOutWarningTest {

  private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
  private static final Duration WINDOW = Duration.ofDays(14);

  @Test
  void aHealthyConnectionHasNoWarning() {
    assertThat(
            HandOutWarning.of(
                note(ConnectionStatus.CONNECTED, 0, NOW.plus(Duration.ofDays(90)), null),
                NOW,
                WINDOW,
                null))
        .isEmpty();
  }

  @Test
  void failingRefreshesWarn() {
    assertThat(
            HandOutWarning.of(
                note(ConnectionStatus.REFRESH_FAILING, 3, null, null), NOW, WINDOW, null))
        .singleElement()
        .satisfies(w -> assertThat(w.code()).isEqualTo(HandOutWarning.REFRESH_FAILING))
        .satisfies(w -> assertThat(w.detail()).contains("3"));
  }

  @Test
  void aRefreshTokenExpiringWithinTheWindowWarnsWithItsExpiry() {
    Instant expiry = NOW.plus(Duration.ofDays(13));
    Instant later = NOW.plus(Duration.ofDays(15));

    assertThat(
            HandOutWarning.of(note(ConnectionStatus.CONNECTED, 0, expiry, null), NOW, WINDOW, null))
        .singleElement()
        .satisfies(w -> assertThat(w.code()).isEqualTo(HandOutWarning.REFRESH_TOKEN_EXPIRING))
        .satisfies(w -> assertThat(w.at()).isEqualTo(expiry));
    assertThat(
            HandOutWarning.of(note(ConnectionStatus.CONNECTED, 0, later, null), NOW, WINDOW, null))
        .isEmpty();
  }

  @Test
  void aThrottledConnectionOrAProviderWidePauseWarnsUntilWhen() {
    Instant until = NOW.plusSeconds(60);
    Instant pause = NOW.plusSeconds(120);

    assertThat(
            HandOutWarning.of(note(ConnectionStatus.THROTTLED, 0, null, until), NOW, WINDOW, null))
        .singleElement()
        .satisfies(w -> assertThat(w.code()).isEqualTo(HandOutWarning.PROVIDER_THROTTLED))
        .satisfies(w -> assertThat(w.at()).isEqualTo(until));
    assertThat(
            HandOutWarning.of(note(ConnectionStatus.CONNECTED, 0, null, null), NOW, WINDOW, pause))
        .singleElement()
        .satisfies(w -> assertThat(w.at()).isEqualTo(pause));
    assertThat(
            HandOutWarning.of(
                note(ConnectionStatus.CONNECTED, 0, null, NOW.minusSeconds(1)), NOW, WINDOW, null))
        .isEmpty();
  }

  private static ConnectionNote note(
      ConnectionStatus status, int failures, Instant refreshExpiresAt, Instant throttledUntil) {
    return new ConnectionNote(
        status, Duration.ofHours(1), refreshExpiresAt, failures, throttledUntil);
  }
}

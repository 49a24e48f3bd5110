package io.tokenwarden.application.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The node's claim pause while its circuit breaker to FreeAgent is open. */
class CircuitPauseTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  /** Nothing holds claims until a refresh meets the open circuit; then until the time given. */
  @Test
  void holdsClaimsUntilTheGivenTime() {
    CircuitPause pause = new CircuitPause();
    assertThat(pause.holds(T0)).isFalse();

    pause.holdUntil(T0.plusSeconds(30));

    assertThat(pause.holds(T0.plusSeconds(29))).isTrue();
    assertThat(pause.holds(T0.plusSeconds(30))).isFalse();
  }

  /** A refresh that meets the circuit later never shortens a pause already set. */
  @Test
  void keepsTheLaterOfTwoPauses() {
    CircuitPause pause = new CircuitPause();

    pause.holdUntil(T0.plusSeconds(60));
    pause.holdUntil(T0.plusSeconds(30));

    assertThat(pause.holds(T0.plusSeconds(45))).isTrue();
  }
}

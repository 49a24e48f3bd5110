package io.tokenwarden.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The hand-out guard (issue 13): a demanded validity larger than a fraction of the token's lifetime
 * would refresh on every hand-out, so it is capped there.
 */
class HandOutValidityTest {

  private final HandOutValidity validity =
      new HandOutValidity(Duration.ofMinutes(5), Duration.ofMinutes(30), 0.5);

  @Test
  void defaultAppliesWithoutARequest() {
    assertThat(validity.demanded(null, Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void requestAppliesWhenTheLifetimeAllowsIt() {
    assertThat(validity.demanded(Duration.ofMinutes(10), Duration.ofHours(1)))
        .isEqualTo(Duration.ofMinutes(10));
  }

  /** FreeAgent's hour-long token: asking for 50 minutes would refresh every hand-out. */
  @Test
  void requestAboveTheFractionIsCappedAtIt() {
    assertThat(validity.demanded(Duration.ofMinutes(50), Duration.ofHours(1)))
        .isEqualTo(Duration.ofMinutes(30));
  }

  /** A provider handing out 60-second tokens: the 5-minute default would never be met. */
  @Test
  void defaultAboveTheLifetimeIsCappedToo() {
    assertThat(validity.demanded(null, Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void unknownLifetimeLeavesTheDemandAlone() {
    assertThat(validity.demanded(Duration.ofMinutes(20), null)).isEqualTo(Duration.ofMinutes(20));
  }

  @Test
  void lifetimeIsFromStoringToExpiry() {
    Instant stored = Instant.parse("2026-12-06T12:00:00Z");
    assertThat(HandOutValidity.lifetime(stored, stored.plusSeconds(3600)))
        .isEqualTo(Duration.ofHours(1));
    assertThat(HandOutValidity.lifetime(stored, stored)).isNull();
    assertThat(HandOutValidity.lifetime(null, stored)).isNull();
  }

  @Test
  void fractionMustBeAFraction() {
    assertThatThrownBy(() -> new HandOutValidity(Duration.ZERO, Duration.ofMinutes(1), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HandOutValidity(Duration.ZERO, Duration.ofMinutes(1), 1.5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

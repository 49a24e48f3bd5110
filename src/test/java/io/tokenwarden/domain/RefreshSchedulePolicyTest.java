package io.tokenwarden.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RefreshSchedulePolicyTest {

  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);

  private static RefreshSchedulePolicy policyWithRandom(double r) {
    return new RefreshSchedulePolicy(RefreshTimingFixtures.documentedDefaults(), () -> r);
  }

  /** A one-hour token is refreshed 15 minutes (25 %) before expiry, without jitter at r=0.5. */
  @Test
  void oneHourTokenIsRefreshedAQuarterOfItsLifetimeEarly() {
    Instant next = policyWithRandom(0.5).nextRefreshAfterSuccess(NOW, HOUR);

    assertThat(next).isEqualTo(NOW.plus(Duration.ofMinutes(45)));
  }

  /** Below 20 minutes of lifetime the five-minute minimum lead takes over from 25 %. */
  @Test
  void shortLifetimeUsesTheMinimumLead() {
    assertThat(policyWithRandom(0.5).leadFor(Duration.ofMinutes(12)))
        .isEqualTo(Duration.ofMinutes(5));
  }

  /** A lifetime shorter than twice the minimum lead is refreshed half-way, never in a loop. */
  @Test
  void leadNeverExceedsHalfTheLifetime() {
    RefreshSchedulePolicy policy = policyWithRandom(0.5);

    assertThat(policy.leadFor(Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(10));
    assertThat(policy.nextRefreshAfterSuccess(NOW, Duration.ofSeconds(20)))
        .isEqualTo(NOW.plusSeconds(10));
  }

  /** Jitter stays within ±10 % of the lead at both extremes of the random source. */
  @Test
  void jitterStaysWithinTenPercentOfTheLead() {
    Instant unjittered = NOW.plus(Duration.ofMinutes(45));
    Duration tenPercentOfLead = Duration.ofSeconds(90);

    Instant earliest = policyWithRandom(0.0).nextRefreshAfterSuccess(NOW, HOUR);
    Instant latest = policyWithRandom(0.999999).nextRefreshAfterSuccess(NOW, HOUR);

    assertThat(earliest).isEqualTo(unjittered.minus(tenPercentOfLead));
    assertThat(latest)
        .isBetween(
            unjittered.plus(tenPercentOfLead).minusSeconds(1), unjittered.plus(tenPercentOfLead));
  }

  /** Backoff doubles from 30 s per consecutive failure while the token has plenty left. */
  @Test
  void backoffDoublesPerFailure() {
    RefreshSchedulePolicy policy = policyWithRandom(0.5);
    Instant farExpiry = NOW.plus(Duration.ofDays(1));

    assertThat(policy.nextAttemptAfterFailure(NOW, 1, farExpiry)).isEqualTo(NOW.plusSeconds(30));
    assertThat(policy.nextAttemptAfterFailure(NOW, 2, farExpiry)).isEqualTo(NOW.plusSeconds(60));
    assertThat(policy.nextAttemptAfterFailure(NOW, 4, farExpiry)).isEqualTo(NOW.plusSeconds(240));
  }

  /** However many failures, the wait is capped at 15 minutes. */
  @Test
  void backoffIsCapped() {
    assertThat(policyWithRandom(0.5).nextAttemptAfterFailure(NOW, 40, null))
        .isEqualTo(NOW.plus(Duration.ofMinutes(15)));
  }

  /** A retry never lands past the access token's expiry minus the two-minute margin. */
  @Test
  void backoffNeverPassesExpiryMinusMargin() {
    Instant expiry = NOW.plus(Duration.ofMinutes(6));

    Instant retry = policyWithRandom(0.5).nextAttemptAfterFailure(NOW, 6, expiry);

    assertThat(retry).isEqualTo(expiry.minus(Duration.ofMinutes(2)));
  }

  /** Just inside the safety margin the retry still waits the first backoff step: no hammering. */
  @Test
  void backoffNeverHammers() {
    Instant expiry = NOW.plus(Duration.ofMinutes(2)).plusSeconds(10);

    assertThat(policyWithRandom(0.5).nextAttemptAfterFailure(NOW, 3, expiry))
        .isEqualTo(NOW.plusSeconds(30));
  }

  /** A hand-out refreshes first when less than five minutes of validity are left. */
  @Test
  void handOutNeedsRefreshInsideMinimumValidity() {
    RefreshSchedulePolicy policy = policyWithRandom(0.5);

    assertThat(policy.needsRefreshBeforeHandOut(NOW, NOW.plus(Duration.ofMinutes(4)))).isTrue();
    assertThat(policy.needsRefreshBeforeHandOut(NOW, NOW.plus(Duration.ofMinutes(6)))).isFalse();
    assertThat(policy.needsRefreshBeforeHandOut(NOW, null)).isTrue();
  }
}

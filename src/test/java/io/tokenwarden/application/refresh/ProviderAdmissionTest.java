package io.tokenwarden.application.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.application.refresh.ProviderAdmission.RateLimitHit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderAdmissionTest {

  private static final Instant NOW = Instant.parse("2026-11-28T12:00:30Z");

  private final ProviderAdmission admission =
      new ProviderAdmission(
          1000, 1, 2, Duration.ofSeconds(10), Duration.ofMinutes(5), 3, Duration.ofSeconds(60));

  private static RateLimitHit hit(String user, int secondsAgo, int retryInSeconds) {
    return new RateLimitHit(user, NOW.minusSeconds(secondsAgo), NOW.plusSeconds(retryInSeconds));
  }

  /** With no pause and no alarm a tick may start as many refreshes as configured. */
  @Test
  void clearStateAdmitsTheMaximum() {
    assertThat(admission.admittedPerTick(ProviderState.CLEAR, NOW)).isEqualTo(1000);
    assertThat(admission.isPaused(ProviderState.CLEAR, NOW)).isFalse();
  }

  /** 429s for one user are that user's limit, not a provider-wide throttle. */
  @Test
  void manyHitsForOneUserDoNotPause() {
    List<RateLimitHit> hits = List.of(hit("a", 1, 50), hit("a", 2, 50), hit("a", 3, 50));

    assertThat(admission.providerWidePauseUntil(hits, NOW)).isEmpty();
  }

  /** Three different users throttled within a minute pause everyone until the earliest retry. */
  @Test
  void threeDistinctUsersWithinTheWindowPauseUntilTheEarliestRetryAfter() {
    List<RateLimitHit> hits = List.of(hit("a", 5, 40), hit("b", 3, 25), hit("c", 1, 59));

    assertThat(admission.providerWidePauseUntil(hits, NOW)).contains(NOW.plusSeconds(25));
  }

  /** Hits older than the detection window do not count towards the distinct users. */
  @Test
  void hitsOutsideTheWindowAreIgnored() {
    List<RateLimitHit> hits = List.of(hit("a", 120, 10), hit("b", 3, 25), hit("c", 1, 59));

    assertThat(admission.providerWidePauseUntil(hits, NOW)).isEmpty();
  }

  /** While paused nothing is admitted; afterwards admission grows additively per interval. */
  @Test
  void afterThePauseAdmissionGrowsAdditively() {
    ProviderState paused = new ProviderState(NOW, null, null);

    assertThat(admission.admittedPerTick(paused, NOW.minusSeconds(1))).isZero();
    assertThat(admission.admittedPerTick(paused, NOW)).isEqualTo(1);
    assertThat(admission.admittedPerTick(paused, NOW.plusSeconds(9))).isEqualTo(1);
    assertThat(admission.admittedPerTick(paused, NOW.plusSeconds(10))).isEqualTo(3);
    assertThat(admission.admittedPerTick(paused, NOW.plusSeconds(35))).isEqualTo(7);
    assertThat(admission.admittedPerTick(paused, NOW.plus(Duration.ofDays(1)))).isEqualTo(1000);
  }

  /** A credential alarm stops refreshing, then lets one probe per tick through after the wait. */
  @Test
  void credentialAlarmPausesThenProbesOneAtATime() {
    ProviderState alarm = new ProviderState(null, NOW, "401");

    assertThat(admission.admittedPerTick(alarm, NOW.plusSeconds(299))).isZero();
    assertThat(admission.resumesAt(alarm, NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    assertThat(admission.admittedPerTick(alarm, NOW.plusSeconds(300))).isEqualTo(1);
  }
}

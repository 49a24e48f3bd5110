package io.tokenwarden.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FixedWindowLimitTest {

  private static final Instant HALF_PAST = Instant.parse("2030-01-01T10:00:30Z");

  /** The 16th request in a minute is refused until the start of the next minute. */
  @Test
  void minuteWindowRefusesOverLimitUntilTheMinuteEnds() {
    FixedWindowLimit limit = new FixedWindowLimit(60);
    for (int i = 0; i < 15; i++) {
      assertThat(limit.acquire(HALF_PAST, 15).allowed()).isTrue();
    }

    RateDecision refused = limit.acquire(HALF_PAST, 15);

    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).isEqualTo(30);
    assertThat(refused.message()).isEqualTo("You must not exceed 15 requests per 60 seconds");
    assertThat(limit.acquire(Instant.parse("2030-01-01T10:01:00Z"), 15).allowed()).isTrue();
  }

  /** Retry-After rounds up and is never 0, even half a second before the reset. */
  @Test
  void retryAfterIsAtLeastOneSecond() {
    FixedWindowLimit limit = new FixedWindowLimit(60);
    Instant almost = Instant.parse("2030-01-01T10:00:59.500Z");
    limit.acquire(almost, 1);

    assertThat(limit.acquire(almost, 1).retryAfterSeconds()).isEqualTo(1);
    assertThat(limit.acquire(Instant.parse("2030-01-01T10:00:58.200Z"), 1).retryAfterSeconds())
        .isEqualTo(2);
  }

  /** Windows align to the wall clock, not to the first request. */
  @Test
  void windowsResetAtTheStartOfEachMinuteNotSixtySecondsAfterTheFirstRequest() {
    FixedWindowLimit limit = new FixedWindowLimit(60);
    limit.acquire(Instant.parse("2030-01-01T10:00:59Z"), 1);

    assertThat(limit.acquire(Instant.parse("2030-01-01T10:01:00Z"), 1).allowed()).isTrue();
  }

  /** The hour window reports the seconds to the next full hour. */
  @Test
  void hourWindowRetryAfterCountsToTheFullHour() {
    FixedWindowLimit limit = new FixedWindowLimit(3600);
    Instant at = Instant.parse("2030-01-01T10:45:00Z");
    limit.acquire(at, 1);

    RateDecision refused = limit.acquire(at, 1);

    assertThat(refused.retryAfterSeconds()).isEqualTo(900);
    assertThat(refused.message()).isEqualTo("You must not exceed 1 requests per 3600 seconds");
  }

  /** Checking does not count. */
  @Test
  void checkDoesNotConsume() {
    FixedWindowLimit limit = new FixedWindowLimit(60);
    assertThat(limit.check(HALF_PAST, 1).allowed()).isTrue();
    assertThat(limit.check(HALF_PAST, 1).allowed()).isTrue();
    limit.consume(HALF_PAST);
    assertThat(limit.check(HALF_PAST, 1).allowed()).isFalse();
  }
}

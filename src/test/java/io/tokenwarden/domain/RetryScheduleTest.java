package io.tokenwarden.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

  /** The default schedule: six attempts, waits growing from 10 s to an hour, then dead. */
  @Test
  void defaultScheduleBacksOffThenGivesUp() {
    RetrySchedule schedule = RetrySchedule.parse("PT10S,PT30S,PT2M,PT10M,PT1H");

    assertThat(schedule.maxAttempts()).isEqualTo(6);
    assertThat(schedule.waitAfter(1)).hasValue(Duration.ofSeconds(10));
    assertThat(schedule.waitAfter(2)).hasValue(Duration.ofSeconds(30));
    assertThat(schedule.waitAfter(3)).hasValue(Duration.ofMinutes(2));
    assertThat(schedule.waitAfter(4)).hasValue(Duration.ofMinutes(10));
    assertThat(schedule.waitAfter(5)).hasValue(Duration.ofHours(1));
    assertThat(schedule.waitAfter(6)).isEmpty();
    assertThat(schedule.waitAfter(7)).isEmpty();
  }

  @Test
  void spacesAreAllowedAndAnEmptyScheduleMeansOneAttempt() {
    assertThat(RetrySchedule.parse(" PT1S , PT2S ").waits())
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    RetrySchedule none = RetrySchedule.parse("");
    assertThat(none.maxAttempts()).isEqualTo(1);
    assertThat(none.waitAfter(1)).isEmpty();
  }

  @Test
  void refusesWhatIsNoPositiveDuration() {
    assertThatThrownBy(() -> RetrySchedule.parse("PT10S,10 seconds"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'10 seconds'");
    assertThatThrownBy(() -> RetrySchedule.parse("PT0S"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RetrySchedule.parse("-PT5S"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

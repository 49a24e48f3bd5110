package io.tokenwarden.application.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class UserRefreshWindowTest {

  private static final Instant MINUTE = Instant.parse("2026-11-28T12:00:00Z");

  /** Fifteen refreshes fit in one minute; the sixteenth waits for the next minute. */
  @Test
  void fifteenPerMinuteThenTheNextWindow() {
    UserRefreshWindow window = new UserRefreshWindow(null, 0);
    for (int i = 0; i < 15; i++) {
      assertThat(window.admits(MINUTE.plusSeconds(i), 15)).isTrue();
      window = window.plusOne(MINUTE.plusSeconds(i));
    }

    assertThat(window.admits(MINUTE.plusSeconds(59), 15)).isFalse();
    assertThat(UserRefreshWindow.nextWindow(MINUTE.plusSeconds(59)))
        .isEqualTo(MINUTE.plusSeconds(60));
    assertThat(window.admits(MINUTE.plusSeconds(60), 15)).isTrue();
    assertThat(window.plusOne(MINUTE.plusSeconds(61)).used()).isEqualTo(1);
  }

  /** Windows are aligned to the minute, as FreeAgent counts. */
  @Test
  void windowsAreAlignedToTheMinute() {
    assertThat(UserRefreshWindow.windowOf(MINUTE.plusMillis(59_999))).isEqualTo(MINUTE);
    assertThat(UserRefreshWindow.windowOf(MINUTE.plusSeconds(60)))
        .isEqualTo(MINUTE.plusSeconds(60));
  }
}

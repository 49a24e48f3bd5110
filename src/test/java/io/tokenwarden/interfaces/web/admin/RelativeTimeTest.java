package io.tokenwarden.interfaces.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Times read the way an operator scans them: relative, with absolute UTC for the tooltip. */
class RelativeTimeTest {

  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  /** Minutes, hours and days, in the future and the past. */
  @Test
  void describesDistanceFromNow() {
    assertThat(RelativeTime.describe(NOW.plus(Duration.ofMinutes(42)), NOW)).isEqualTo("in 42 min");
    assertThat(RelativeTime.describe(NOW.minus(Duration.ofHours(3)), NOW)).isEqualTo("3 h ago");
    assertThat(RelativeTime.describe(NOW.plus(Duration.ofDays(13)), NOW)).isEqualTo("in 13 d");
    assertThat(RelativeTime.describe(NOW.minusSeconds(10), NOW)).isEqualTo("just now");
    assertThat(RelativeTime.describe(NOW.plusSeconds(10), NOW)).isEqualTo("in a few seconds");
    assertThat(RelativeTime.describe(NOW.plusSeconds(61), NOW)).isEqualTo("in 1 min");
  }

  /** Up to 90 minutes stay in minutes; up to 36 hours in hours. */
  @Test
  void switchesUnitsAtReadableBoundaries() {
    assertThat(RelativeTime.describe(NOW.plus(Duration.ofMinutes(89)), NOW)).isEqualTo("in 89 min");
    assertThat(RelativeTime.describe(NOW.plus(Duration.ofMinutes(91)), NOW)).isEqualTo("in 2 h");
    assertThat(RelativeTime.describe(NOW.minus(Duration.ofHours(35)), NOW)).isEqualTo("35 h ago");
    assertThat(RelativeTime.describe(NOW.minus(Duration.ofHours(37)), NOW)).isEqualTo("2 d ago");
  }

  /** Far moments read in months or years with their date, never "in 7305 d". */
  @Test
  void farMomentsInMonthsAndYearsWithTheDate() {
    Instant now = Instant.parse("2026-12-01T20:48:13Z");
    assertThat(RelativeTime.describe(now.plus(Duration.ofDays(7305)), now))
        .isEqualTo("in 20 years (1 Dec 2046)");
    assertThat(RelativeTime.describe(now.plus(Duration.ofDays(91)), now))
        .isEqualTo("in 3 months (2 Mar 2027)");
    assertThat(RelativeTime.describe(now.minus(Duration.ofDays(400)), now))
        .isEqualTo("13 months ago (27 Oct 2025)");
    assertThat(RelativeTime.describe(now.plus(Duration.ofDays(44)), now)).isEqualTo("in 44 d");
    assertThat(RelativeTime.dayAndTime(now)).isEqualTo("1 Dec 2026, 20:48 UTC");
  }

  /** No time reads as a dash; absolute times are UTC with the zone named. */
  @Test
  void absentAndAbsolute() {
    assertThat(RelativeTime.describe(null, NOW)).isEqualTo("—");
    assertThat(RelativeTime.absolute(NOW)).isEqualTo("2026-11-28 12:00:00 UTC");
    assertThat(RelativeTime.absolute(null)).isEmpty();
  }
}

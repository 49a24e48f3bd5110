package io.tokenwarden.interfaces.web.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes a moment the way an operator scans it: relative to now ("in 42 min", "3 h ago"), with the
 * absolute UTC time for a tooltip. Pure, so it is unit-tested with fixed instants.
 */
public final class RelativeTime {

  private static final DateTimeFormatter ABSOLUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter DAY_AND_TIME =
      DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private static final double DAYS_PER_MONTH = 365.25 / 12;

  private RelativeTime() {}

  /**
   * "in 42 min", "3 h ago", "just now", "in 2 d"; beyond 45 days months and beyond 18 months years,
   * each with the date ("in 20 years (1 Dec 2046)"), since "in 7305 d" tells nobody anything; an em
   * dash for no time.
   */
  public static String describe(Instant when, Instant now) {
    if (when == null) {
      return "—";
    }
    Duration distance = Duration.between(now, when);
    boolean future = !distance.isNegative();
    long seconds = Math.abs(distance.getSeconds());
    if (seconds < 45) {
      return future ? "in a few seconds" : "just now";
    }
    String amount;
    if (seconds < 90 * 60) {
      amount = Math.max(1, Math.round(seconds / 60.0)) + " min";
    } else if (seconds < 36 * 3600) {
      amount = Math.round(seconds / 3600.0) + " h";
    } else if (seconds < 45 * 86400L) {
      amount = Math.round(seconds / 86400.0) + " d";
    } else if (seconds < 548 * 86400L) {
      amount = plural(Math.round(seconds / 86400.0 / DAYS_PER_MONTH), "month");
    } else {
      amount = plural(Math.round(seconds / 86400.0 / 365.25), "year");
    }
    String relative = future ? "in " + amount : amount + " ago";
    return seconds < 45 * 86400L ? relative : relative + " (" + DAY.format(when) + ")";
  }

  /** "1 Dec 2026, 20:48 UTC": a moment in a sentence; empty for no time. */
  public static String dayAndTime(Instant when) {
    return when == null ? "" : DAY_AND_TIME.format(when);
  }

  private static String plural(long count, String unit) {
    return count + " " + unit + (count == 1 ? "" : "s");
  }

  /** "2026-11-28 17:49:03 UTC"; empty for no time. */
  public static String absolute(Instant when) {
    return when == null ? "" : ABSOLUTE.format(when);
  }
}

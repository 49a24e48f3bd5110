package io.tokenwarden.interfaces.web.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes a moment the way an operator scans it: relative to now ("in 42 min", "3 h ago"), with the
 * absolute UTC time for a tooltip. Pure, so it is unit-tested with fixed instants.
 */
public final class RelativeTime {

  private static final DateTimeFormatter ABSOLUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private RelativeTime() {}

  /** "in 42 min", "3 h ago", "just now", "in 2 d"; an em dash for no time. */
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
    } else {
      amount = Math.round(seconds / 86400.0) + " d";
    }
    return future ? "in " + amount : amount + " ago";
  }

  /** "2026-11-28 17:49:03 UTC"; empty for no time. */
  public static String absolute(Instant when) {
    return when == null ? "" : ABSOLUTE.format(when);
  }
}

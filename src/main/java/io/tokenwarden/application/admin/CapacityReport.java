package io.tokenwarden.application.admin;

import io.tokenwarden.infrastructure.persistence.FreeAgentConnections.MinuteLoad;
import io.tokenwarden.infrastructure.persistence.FreeAgentConnections.SharedUser;
import io.tokenwarden.infrastructure.persistence.FreeAgentConnections.UserMinute;
import io.tokenwarden.infrastructure.persistence.RefreshEvents.OutcomeMinute;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * What the capacity page shows, and the arithmetic behind its one-line answer to "will my tenants'
 * refreshes fit FreeAgent's limits in the next hour": the refreshes due per wall-clock minute
 * against FreeAgent's per-user limit (15 a minute, counted per FreeAgent user, so one accountant
 * behind many tenants shares one window) and, while the fleet recovers from a provider-wide
 * throttle, against the fleet's admission budget; the scheduler's lag; the last hour's outcomes;
 * refresh tokens about to expire. Pure, so the arithmetic is unit-tested with fixed numbers.
 *
 * @param now when the figures were read
 * @param firstMinute the wall-clock minute {@code now} falls into: minute 0 of {@link #dueByMinute}
 * @param perUserLimit FreeAgent's refreshes per user per minute ({@code
 *     tokenwarden.refresh.per-user-limit})
 * @param fleetBudgetPerMinute refreshes the whole fleet may start per minute while it recovers from
 *     a provider-wide throttle, 0 while paused, or null when no fleet-wide limit is in force
 * @param providerAlarm why refreshing is paused or slowed cluster-wide, or null
 * @param dueByMinute the next hour, one entry per minute (zeros included)
 * @param sharedUsers the FreeAgent users behind the most tenants
 * @param sharedUserCount how many FreeAgent users are behind more than one tenant
 * @param schedulerLag now minus the oldest due refresh (zero when nothing is overdue)
 * @param lastHour the last hour's outcomes, one entry per minute, oldest first
 * @param expiringWithin14Days refresh tokens of scheduled connections expiring within 14 days
 * @param expiringWithin30Days the same within 30 days (the 14 included)
 * @param needsReconnect connections that wait for a reconnect link
 */
public record CapacityReport(
    Instant now,
    Instant firstMinute,
    int perUserLimit,
    Integer fleetBudgetPerMinute,
    String providerAlarm,
    List<MinuteLoad> dueByMinute,
    List<SharedUserLoad> sharedUsers,
    long sharedUserCount,
    Duration schedulerLag,
    List<OutcomeMinute> lastHour,
    long expiringWithin14Days,
    long expiringWithin30Days,
    long needsReconnect) {

  /** Minutes ahead the page looks, and behind for the outcomes. */
  public static final int MINUTES = 60;

  /** A scheduler further behind than this is reported: every tick should catch up within it. */
  public static final Duration LAG_WARNING = Duration.ofMinutes(1);

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  /** The answer at the top of the page: how sure, and one sentence why. */
  public record Verdict(Level level, String sentence) {}

  /** How the next hour looks. */
  public enum Level {
    /** Every refresh due can start in its minute. */
    FITS,
    /** All will be done, but some wait a minute or more (per-user windows full, or lag). */
    DELAYED,
    /** Refreshing is paused, or due refreshes exceed what the fleet may start. */
    DOES_NOT_FIT
  }

  /**
   * One FreeAgent user behind several tenants, and its busiest minute in the next hour.
   *
   * @param userKey the user's email (else "company:&lt;id&gt;")
   * @param tenants scheduled connections it is behind
   * @param busiestMinuteDue the most refreshes it has due in one wall-clock minute of the next hour
   * @param busiestMinuteAt the start of that minute, or null when none is due
   * @param limit FreeAgent's refreshes per user per minute
   */
  public record SharedUserLoad(
      String userKey, long tenants, long busiestMinuteDue, Instant busiestMinuteAt, int limit) {

    /** Whether it is behind more tenants than one minute's refreshes: a collision is possible. */
    public boolean canCollide() {
      return tenants > limit;
    }

    /** Whether more refreshes than the limit fall into one minute of the next hour. */
    public boolean collides() {
      return busiestMinuteDue > limit;
    }

    /** Refreshes of its busiest minute that wait for a later minute. */
    public long waiting() {
      return Math.max(0, busiestMinuteDue - limit);
    }

    /** Whether its refreshes collide in its one per-minute window, in words. */
    public String collision() {
      String busiest =
          busiestMinuteAt == null
              ? "none due in the next hour"
              : busiestMinuteDue + " due at " + CLOCK.format(busiestMinuteAt) + " UTC";
      if (collides()) {
        return "Yes: " + busiest + "; " + waiting() + " wait for the next minute";
      }
      if (canCollide()) {
        return "Not this hour ("
            + busiest
            + "), but "
            + tenants
            + " tenants can exceed "
            + limit
            + " in one minute";
      }
      return "No: "
          + busiest
          + ", and "
          + tenants
          + " tenants cannot exceed "
          + limit
          + " a minute";
    }
  }

  /** Fills the minutes without a refresh with zeros: {@code minutes} entries, minute 0 first. */
  public static List<MinuteLoad> everyMinute(Collection<MinuteLoad> loads, int minutes) {
    MinuteLoad[] filled = new MinuteLoad[minutes];
    for (MinuteLoad load : loads) {
      if (load.minute() >= 0 && load.minute() < minutes) {
        filled[load.minute()] = load;
      }
    }
    List<MinuteLoad> all = new ArrayList<>(minutes);
    for (int i = 0; i < minutes; i++) {
      all.add(filled[i] != null ? filled[i] : new MinuteLoad(i, 0, 0, 0));
    }
    return all;
  }

  /**
   * The last hour's outcomes, {@code minutes} entries, oldest first, from rows counted in minutes
   * after {@code minutes} minutes before the current one.
   */
  public static List<OutcomeMinute> everyPastMinute(Collection<OutcomeMinute> rows, int minutes) {
    OutcomeMinute[] filled = new OutcomeMinute[minutes];
    for (OutcomeMinute row : rows) {
      if (row.minute() >= 0 && row.minute() < minutes) {
        filled[row.minute()] = row;
      }
    }
    List<OutcomeMinute> all = new ArrayList<>(minutes);
    for (int i = 0; i < minutes; i++) {
      all.add(filled[i] != null ? filled[i] : new OutcomeMinute(i, 0, 0, 0));
    }
    return all;
  }

  /**
   * Each shared user with its busiest minute, from its per-minute counts (the earliest minute wins
   * a tie).
   */
  public static List<SharedUserLoad> sharedUserLoads(
      List<SharedUser> users, Collection<UserMinute> minutes, Instant firstMinute, int limit) {
    List<SharedUserLoad> loads = new ArrayList<>(users.size());
    for (SharedUser user : users) {
      UserMinute busiest = null;
      for (UserMinute minute : minutes) {
        if (minute.userKey().equals(user.userKey())
            && (busiest == null
                || minute.due() > busiest.due()
                || (minute.due() == busiest.due() && minute.minute() < busiest.minute()))) {
          busiest = minute;
        }
      }
      loads.add(
          new SharedUserLoad(
              user.userKey(),
              user.tenants(),
              busiest == null ? 0 : busiest.due(),
              busiest == null ? null : firstMinute.plus(Duration.ofMinutes(busiest.minute())),
              limit));
    }
    return loads;
  }

  /** The refreshes due in the next hour (overdue ones included). */
  public long dueInNextHour() {
    return dueByMinute.stream().mapToLong(MinuteLoad::due).sum();
  }

  /** The minute with the most refreshes due (the earliest of equals). */
  public MinuteLoad busiestMinute() {
    MinuteLoad busiest = dueByMinute.get(0);
    for (MinuteLoad load : dueByMinute) {
      if (load.due() > busiest.due()) {
        busiest = load;
      }
    }
    return busiest;
  }

  /** The most any one FreeAgent user has due in one minute of the next hour. */
  public long busiestUserMinute() {
    return dueByMinute.stream().mapToLong(MinuteLoad::busiestUser).max().orElse(0);
  }

  /** Refreshes of the next hour that exceed their user's per-minute limit and wait. */
  public long overPerUserLimit() {
    return dueByMinute.stream().mapToLong(MinuteLoad::overLimit).sum();
  }

  /** The start of a minute of the next hour, "HH:mm" UTC. */
  public String clockOf(int minute) {
    return CLOCK.format(firstMinute.plus(Duration.ofMinutes(minute)));
  }

  /** The answer to "will my tenants' refreshes fit FreeAgent's limits in the next hour". */
  public Verdict verdict() {
    long due = dueInNextHour();
    MinuteLoad busiest = busiestMinute();
    if (fleetBudgetPerMinute != null && fleetBudgetPerMinute == 0) {
      return new Verdict(
          Level.DOES_NOT_FIT,
          "No: refreshing is paused cluster-wide"
              + (providerAlarm == null ? "" : " (" + providerAlarm + ")")
              + "; "
              + due
              + " refreshes are due in the next hour.");
    }
    if (fleetBudgetPerMinute != null && busiest.due() > fleetBudgetPerMinute) {
      return new Verdict(
          Level.DOES_NOT_FIT,
          "No: "
              + busiest.due()
              + " refreshes are due at "
              + clockOf(busiest.minute())
              + " UTC, but while it recovers from a FreeAgent throttle the fleet starts only "
              + fleetBudgetPerMinute
              + " a minute; the most urgent go first.");
    }
    if (overPerUserLimit() > 0) {
      return new Verdict(
          Level.DELAYED,
          "Mostly: "
              + overPerUserLimit()
              + " of the "
              + due
              + " refreshes due in the next hour exceed FreeAgent's "
              + perUserLimit
              + " per user per minute (one user has "
              + busiestUserMinute()
              + " in one minute) and wait for a later minute.");
    }
    if (schedulerLag.compareTo(LAG_WARNING) > 0) {
      return new Verdict(
          Level.DELAYED,
          "Behind: the oldest due refresh has waited "
              + minutesAndSeconds(schedulerLag)
              + "; the "
              + due
              + " refreshes of the next hour are within FreeAgent's limits once it catches up.");
    }
    return new Verdict(
        Level.FITS,
        "Yes: "
            + due
            + " refreshes are due in the next hour, at most "
            + busiest.due()
            + " in one minute ("
            + clockOf(busiest.minute())
            + " UTC), and no FreeAgent user has more than "
            + busiestUserMinute()
            + " of its "
            + perUserLimit
            + " a minute.");
  }

  /** "2 min 5 s", "40 s". */
  public static String minutesAndSeconds(Duration duration) {
    long seconds = Math.max(0, duration.getSeconds());
    return seconds < 60 ? seconds + " s" : seconds / 60 + " min " + seconds % 60 + " s";
  }
}

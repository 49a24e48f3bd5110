package io.tokenwarden.application.refresh;

import java.time.Duration;
import java.time.Instant;

/**
 * The client-side limit of refreshes per FreeAgent user: a fixed window aligned to the minute (as
 * FreeAgent counts), {@code limit} refreshes per window. Pure arithmetic over one stored row; the
 * row itself is read and written under a lock in the claim transaction, which is what makes the
 * limit hold across nodes.
 *
 * @param windowStart start of the window the row counts, or null when the user has no row yet
 * @param used refreshes started in that window
 */
public record UserRefreshWindow(Instant windowStart, int used) {

  public static final Duration LENGTH = Duration.ofMinutes(1);

  /** The window {@code now} falls into. */
  public static Instant windowOf(Instant now) {
    long millis = LENGTH.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), millis) * millis);
  }

  /** Whether one more refresh may start at {@code now}. */
  public boolean admits(Instant now, int limit) {
    return !windowOf(now).equals(windowStart) || used < limit;
  }

  /** The row after one more refresh started at {@code now}. */
  public UserRefreshWindow plusOne(Instant now) {
    Instant current = windowOf(now);
    return current.equals(windowStart)
        ? new UserRefreshWindow(current, used + 1)
        : new UserRefreshWindow(current, 1);
  }

  /** When the next window opens. */
  public static Instant nextWindow(Instant now) {
    return windowOf(now).plus(LENGTH);
  }
}

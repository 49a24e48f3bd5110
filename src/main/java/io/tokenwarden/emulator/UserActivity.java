package io.tokenwarden.emulator;

import java.time.Instant;

/**
 * One sandbox user's limits and counters. Its windows are guarded by this object's own lock, so the
 * hot path takes no lock shared between users.
 */
final class UserActivity {

  private final FixedWindowLimit refreshMinute = new FixedWindowLimit(60);
  private final FixedWindowLimit apiMinute = new FixedWindowLimit(60);
  private final FixedWindowLimit apiHour = new FixedWindowLimit(3600);
  final CounterSet counters = new CounterSet();

  synchronized RateDecision acquireRefresh(Instant now, int perMinute) {
    return refreshMinute.acquire(now, perMinute);
  }

  /** An API call must fit both the minute and the hour window; a refused call counts in none. */
  synchronized RateDecision acquireApiCall(Instant now, int perMinute, int perHour) {
    RateDecision minute = apiMinute.check(now, perMinute);
    if (!minute.allowed()) {
      return minute;
    }
    RateDecision hour = apiHour.check(now, perHour);
    if (!hour.allowed()) {
      return hour;
    }
    apiMinute.consume(now);
    apiHour.consume(now);
    return RateDecision.ALLOWED;
  }
}

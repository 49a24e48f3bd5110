package io.tokenwarden.application.refresh;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * How many refreshes a node may start per tick, given the provider-wide state, and when a burst of
 * 429s means the provider throttles everyone (the 2020 incident) rather than one user. After a
 * pause ends, admission restarts at {@code initial} per tick and grows by {@code step} every {@code
 * interval} (additive increase), derived from the clock alone so no node needs to write anything
 * for it. A credential alarm stops refreshing until {@code credentialsRetry} has passed, then
 * admits one probe per tick until a success clears the alarm.
 */
public record ProviderAdmission(
    int maxPerTick,
    int initial,
    int step,
    Duration interval,
    Duration credentialsRetry,
    int distinctUsersForPause,
    Duration detectionWindow) {

  public ProviderAdmission {
    if (maxPerTick < 1 || initial < 1 || step < 0 || distinctUsersForPause < 1) {
      throw new IllegalArgumentException("admission numbers must be positive");
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("resume interval must be positive");
    }
  }

  /** Refreshes one node may start in a tick at {@code now}; 0 while paused. */
  public int admittedPerTick(ProviderState state, Instant now) {
    if (state.credentialsRejectedAt() != null) {
      return now.isBefore(state.credentialsRejectedAt().plus(credentialsRetry)) ? 0 : 1;
    }
    Instant pausedUntil = state.throttlePausedUntil();
    if (pausedUntil == null) {
      return maxPerTick;
    }
    if (now.isBefore(pausedUntil)) {
      return 0;
    }
    long steps = Duration.between(pausedUntil, now).toMillis() / interval.toMillis();
    long admitted = initial + steps * step;
    return (int) Math.min(maxPerTick, admitted);
  }

  /** Whether refreshing is stopped altogether at {@code now}. */
  public boolean isPaused(ProviderState state, Instant now) {
    return admittedPerTick(state, now) == 0;
  }

  /** When refreshing may start again, or {@code now} when it is not paused. */
  public Instant resumesAt(ProviderState state, Instant now) {
    Instant resume = now;
    if (state.credentialsRejectedAt() != null) {
      Instant probe = state.credentialsRejectedAt().plus(credentialsRetry);
      resume = probe.isAfter(resume) ? probe : resume;
    }
    if (state.throttlePausedUntil() != null && state.throttlePausedUntil().isAfter(resume)) {
      resume = state.throttlePausedUntil();
    }
    return resume;
  }

  /**
   * Decides from the 429s seen cluster-wide whether the provider throttles everyone: at least
   * {@code distinctUsersForPause} different FreeAgent users throttled within the detection window.
   *
   * @return the end of the pause (the earliest Retry-After among those hits still ahead, else the
   *     latest), or empty when the 429s look like ordinary per-user limits
   */
  public Optional<Instant> providerWidePauseUntil(Collection<RateLimitHit> hits, Instant now) {
    Instant since = now.minus(detectionWindow);
    Set<String> users = new HashSet<>();
    Instant earliestAhead = null;
    Instant latest = null;
    for (RateLimitHit hit : hits) {
      if (hit.hitAt().isBefore(since)) {
        continue;
      }
      users.add(hit.userKey());
      if (hit.retryAt().isAfter(now)
          && (earliestAhead == null || hit.retryAt().isBefore(earliestAhead))) {
        earliestAhead = hit.retryAt();
      }
      if (latest == null || hit.retryAt().isAfter(latest)) {
        latest = hit.retryAt();
      }
    }
    if (users.size() < distinctUsersForPause) {
      return Optional.empty();
    }
    return Optional.of(earliestAhead != null ? earliestAhead : latest);
  }

  /** One 429 from the token endpoint: for whom, when, and until when FreeAgent asked us to wait. */
  public record RateLimitHit(String userKey, Instant hitAt, Instant retryAt) {}
}

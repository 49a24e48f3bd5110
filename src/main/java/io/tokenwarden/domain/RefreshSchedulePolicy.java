package io.tokenwarden.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Decides when a connection is refreshed next. After a success: {@code expiry − lead ± jitter},
 * lead = max(minimum lead, a fraction of the lifetime just returned), capped at half the lifetime
 * so a very short lifetime cannot become a refresh loop; jitter spreads tenants that connected
 * together. After a transient failure: exponential backoff, never past the access token's expiry
 * minus a safety margin while that is still ahead.
 */
public final class RefreshSchedulePolicy {

  private final RefreshTiming timing;
  private final DoubleSupplier random;

  /**
   * @param random uniform values in [0, 1); tests pass a fixed supplier
   */
  public RefreshSchedulePolicy(RefreshTiming timing, DoubleSupplier random) {
    this.timing = Objects.requireNonNull(timing, "timing");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** How far before expiry a token with this lifetime is refreshed (before jitter). */
  public Duration leadFor(Duration lifetime) {
    long lifetimeMillis = Math.max(0, lifetime.toMillis());
    long lead =
        Math.max(timing.minimumLead().toMillis(), (long) (lifetimeMillis * timing.leadFraction()));
    return Duration.ofMillis(Math.min(lead, lifetimeMillis / 2));
  }

  /** The next refresh after a token with {@code lifetime} was stored at {@code now}. */
  public Instant nextRefreshAfterSuccess(Instant now, Duration lifetime) {
    Duration lead = leadFor(lifetime);
    long jitterRange = (long) (lead.toMillis() * timing.jitterFraction());
    long jitter = Math.round((random.getAsDouble() * 2 - 1) * jitterRange);
    Instant candidate = now.plus(lifetime).minus(lead).plusMillis(jitter);
    return candidate.isBefore(now) ? now : candidate;
  }

  /**
   * The next attempt after {@code consecutiveFailures} transient failures in a row (1 for the
   * first). While the access token is still valid the retry lands no later than its expiry minus
   * the safety margin, so a failing provider is tried again before the token runs out; but never
   * sooner than the first backoff step.
   */
  public Instant nextAttemptAfterFailure(
      Instant now, int consecutiveFailures, Instant accessExpiresAt) {
    int exponent = Math.max(0, Math.min(consecutiveFailures - 1, 30));
    long backoffMillis =
        Math.min(
            timing.maximumBackoff().toMillis(),
            timing.initialBackoff().toMillis() * (1L << Math.min(exponent, 20)));
    Instant retry = now.plusMillis(backoffMillis);
    if (accessExpiresAt != null) {
      Instant latest = accessExpiresAt.minus(timing.expirySafetyMargin());
      if (latest.isAfter(now) && retry.isAfter(latest)) {
        retry = latest;
      }
    }
    // Never sooner than the first backoff step, even right before expiry: no hammering.
    Instant earliest = now.plus(timing.initialBackoff());
    return retry.isBefore(earliest) ? earliest : retry;
  }

  /** The configured minimum validity of a hand-out ({@code tokenwarden.refresh.min-validity}). */
  public Duration minimumValidity() {
    return timing.minimumValidity();
  }

  /** Whether a hand-out must refresh first: less than the configured minimum validity is left. */
  public boolean needsRefreshBeforeHandOut(Instant now, Instant accessExpiresAt) {
    return needsRefreshBeforeHandOut(now, accessExpiresAt, timing.minimumValidity());
  }

  /** Whether a hand-out demanding {@code validity} must refresh first. */
  public boolean needsRefreshBeforeHandOut(
      Instant now, Instant accessExpiresAt, Duration validity) {
    return accessExpiresAt == null || !accessExpiresAt.isAfter(now.plus(validity));
  }
}

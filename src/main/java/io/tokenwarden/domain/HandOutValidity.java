package io.tokenwarden.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How much validity a hand-out demands of the access token before it refreshes first. A caller may
 * ask for more than the configured default ({@code ?min_validity=PT10M}, up to {@code maximum}),
 * but never for more than {@code lifetimeFraction} of the lifetime the provider gave the token: a
 * demand above the lifetime (or close to it) can never be met, so every hand-out would refresh and
 * burn FreeAgent's per-user limit. With the default fraction 0.5 a token is handed out for the
 * first half of its life and refreshed for the second.
 *
 * @param defaultValidity {@code tokenwarden.refresh.min-validity}
 * @param maximum the largest validity a caller may ask for ({@code
 *     tokenwarden.handout.max-min-validity})
 * @param lifetimeFraction the cap as a fraction of the token's lifetime, in (0, 1] ({@code
 *     tokenwarden.handout.min-validity-fraction})
 */
public record HandOutValidity(Duration defaultValidity, Duration maximum, double lifetimeFraction) {

  public HandOutValidity {
    Objects.requireNonNull(defaultValidity, "defaultValidity");
    Objects.requireNonNull(maximum, "maximum");
    if (defaultValidity.isNegative() || maximum.isNegative() || maximum.isZero()) {
      throw new IllegalArgumentException("min-validity must not be negative, its maximum positive");
    }
    if (!(lifetimeFraction > 0 && lifetimeFraction <= 1)) {
      throw new IllegalArgumentException("min-validity-fraction must be within (0, 1]");
    }
  }

  /**
   * The validity this hand-out demands.
   *
   * @param requested what the caller asked for, or null for the default (a request is assumed
   *     validated against {@link #maximum} already)
   * @param lifetime the token's lifetime as the provider returned it, or null when unknown (then no
   *     cap applies)
   */
  public Duration demanded(Duration requested, Duration lifetime) {
    Duration wanted = requested == null ? defaultValidity : requested;
    if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
      return wanted;
    }
    Duration cap = Duration.ofMillis((long) (lifetime.toMillis() * lifetimeFraction));
    return wanted.compareTo(cap) > 0 ? cap : wanted;
  }

  /**
   * The lifetime the provider gave a token stored at {@code storedAt} (the moment its answer was
   * received) and expiring at {@code expiresAt}; null when either is unknown or they are out of
   * order.
   */
  public static Duration lifetime(Instant storedAt, Instant expiresAt) {
    if (storedAt == null || expiresAt == null || !expiresAt.isAfter(storedAt)) {
      return null;
    }
    return Duration.between(storedAt, expiresAt);
  }
}

package io.tokenwarden.domain;

import java.time.Duration;

/**
 * The numbers behind {@link RefreshSchedulePolicy}; all of them are configuration (README, {@code
 * tokenwarden.refresh.*}), and their defaults are written once, in {@code RefreshSettings}.
 *
 * @param minimumLead refresh at least this long before expiry (default 5 min)
 * @param leadFraction or this fraction of the lifetime, if larger (default 0.25)
 * @param jitterFraction ± this fraction of the lead (default 0.10)
 * @param minimumValidity a hand-out with less left refreshes first (default 5 min)
 * @param initialBackoff first retry delay after a transient failure (default 30 s)
 * @param maximumBackoff cap of the exponential backoff (default 15 min)
 * @param expirySafetyMargin retries land at least this long before the access token expires
 *     (default 2 min)
 */
public record RefreshTiming(
    Duration minimumLead,
    double leadFraction,
    double jitterFraction,
    Duration minimumValidity,
    Duration initialBackoff,
    Duration maximumBackoff,
    Duration expirySafetyMargin) {

  public RefreshTiming {
    if (leadFraction < 0 || leadFraction > 1 || jitterFraction < 0 || jitterFraction > 1) {
      throw new IllegalArgumentException("lead and jitter fractions must be within [0, 1]");
    }
    if (initialBackoff.isNegative()
        || initialBackoff.isZero()
        || maximumBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("backoff must be positive and its cap at least its start");
    }
  }
}

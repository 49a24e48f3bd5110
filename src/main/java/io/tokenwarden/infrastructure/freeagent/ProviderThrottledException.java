package io.tokenwarden.infrastructure.freeagent;

import io.tokenwarden.domain.FailureKind;
import java.time.Duration;

/** 429 Too Many Requests: wait for {@link #retryAfter()} before calling again for this user. */
public final class ProviderThrottledException extends ProviderException {

  private final Duration retryAfter;

  public ProviderThrottledException(Duration retryAfter) {
    super(
        "FreeAgent rate limit reached; retry after " + retryAfter.toSeconds() + " s",
        429,
        "rate_limited");
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  @Override
  public FailureKind kind() {
    return FailureKind.THROTTLED;
  }
}

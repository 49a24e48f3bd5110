package io.tokenwarden.application.handout;

import java.time.Duration;

/**
 * No valid access token is left and a refresh cannot happen now (FreeAgent throttles, fails, or the
 * per-user limit is used up); the caller should come back after {@link #retryAfter()}.
 */
public class TokenUnavailableException extends RuntimeException {

  private final Duration retryAfter;
  private final boolean providerThrottled;

  /**
   * @param providerThrottled FreeAgent throttles this connection or every one (the API answers with
   *     its own problem type, so a client can tell "slow down" from "broken")
   */
  public TokenUnavailableException(String message, Duration retryAfter, boolean providerThrottled) {
    super(message, null, false, false);
    this.retryAfter = retryAfter;
    this.providerThrottled = providerThrottled;
  }

  public boolean providerThrottled() {
    return providerThrottled;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}

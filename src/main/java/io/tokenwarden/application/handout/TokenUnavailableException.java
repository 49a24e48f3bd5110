package io.tokenwarden.application.handout;

import java.time.Duration;

/**
 * No valid access token is left and a refresh cannot happen now (FreeAgent throttles, fails, or the
 * per-user limit is used up); the caller should come back after {@link #retryAfter()}.
 */
public class TokenUnavailableException extends RuntimeException {

  private final Duration retryAfter;

  public TokenUnavailableException(String message, Duration retryAfter) {
    super(message, null, false, false);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}

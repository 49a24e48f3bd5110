package io.tokenwarden.emulator;

/**
 * The answer of a rate limit to one request: allowed, or refused with the whole seconds until the
 * window that refused it resets (at least 1, as a {@code Retry-After} value must be).
 */
public record RateDecision(boolean allowed, long retryAfterSeconds, int limit, long windowSeconds) {

  static final RateDecision ALLOWED = new RateDecision(true, 0, 0, 0);

  /** The body FreeAgent sends with a refused refresh, with this window's numbers. */
  public String message() {
    return "You must not exceed " + limit + " requests per " + windowSeconds + " seconds";
  }
}

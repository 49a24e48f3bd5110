package io.tokenwarden.emulator;

/**
 * The ways the emulated provider can misbehave. Every kind except {@link #LOST_AFTER_ROTATION}
 * happens before the emulator does anything: a refresh token presented with a fault still works
 * afterwards, because the provider failed before it looked at the request.
 */
public enum FaultKind {
  /** 500 with an HTML error page, as a Rails app shows it. */
  HTTP_500,
  /** 502 with an HTML page, as a proxy in front of the provider shows it. */
  HTTP_502,
  /** 503 with an HTML page (maintenance, overload). */
  HTTP_503,
  /** 200 whose body is an HTML page instead of JSON. */
  HTML_200,
  /** 200 with a JSON body cut off in the middle. */
  MALFORMED_JSON,
  /** 200 with a required field missing ({@code access_token}; for the API {@code id}). */
  MISSING_FIELD,
  /** 200 with a field of the wrong type ({@code expires_in} as a string). */
  MISTYPED_FIELD,
  /** 200 with a negative lifetime ({@code expires_in: -3600}). */
  NEGATIVE_LIFETIME,
  /** An extra delay chosen uniformly between the rule's min and max milliseconds. */
  LATENCY,
  /**
   * No answer until the rule's max milliseconds (bounded by the configured maximum hang), then a
   * 504 page; the client is expected to give up first.
   */
  HANG,
  /**
   * The nasty real case: the provider rotates the refresh token, then the response is lost (a 502
   * page reaches the client). Token endpoint only; off unless a rule names it.
   */
  LOST_AFTER_ROTATION;

  /** True for the kinds that replace the response rather than only delay it. */
  boolean replacesResponse() {
    return this != LATENCY;
  }
}

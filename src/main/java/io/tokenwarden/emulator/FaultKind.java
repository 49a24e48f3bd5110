package io.tokenwarden.emulator;

/**
 * The ways the emulated provider can misbehave. Most kinds happen before the emulator does
 * anything: a refresh token presented with such a fault still works afterwards, because the
 * provider failed before it looked at the request. At the token endpoint the kinds whose answer
 * still carries a refresh token ({@link #MISSING_FIELD}, {@link #MISTYPED_FIELD}, {@link
 * #NEGATIVE_LIFETIME}) and {@link #LOST_AFTER_ROTATION} rotate first, as a real provider that sent
 * (or lost) a new refresh token has issued it.
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
  /**
   * 200 with a required field missing ({@code access_token} of a real rotation; for the API {@code
   * id}).
   */
  MISSING_FIELD,
  /** 200 with a field of the wrong type ({@code expires_in} of a real rotation as a string). */
  MISTYPED_FIELD,
  /** 200 with a negative lifetime ({@code expires_in: -3600} on a real rotation). */
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

  /**
   * True for the kinds that, at the token endpoint, answer the request for real (spending the
   * presented refresh token) and then spoil or lose that answer.
   */
  boolean rotatesFirst() {
    return switch (this) {
      case MISSING_FIELD, MISTYPED_FIELD, NEGATIVE_LIFETIME, LOST_AFTER_ROTATION -> true;
      default -> false;
    };
  }

  /** True for the kinds that replace the response rather than only delay it. */
  boolean replacesResponse() {
    return this != LATENCY;
  }
}

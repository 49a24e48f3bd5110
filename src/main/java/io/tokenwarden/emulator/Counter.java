package io.tokenwarden.emulator;

/**
 * What the emulator counts, per user and in total, so a test or benchmark can assert what the
 * client did to the provider ("no refresh token was ever sent twice": {@link #SPENT_TOKEN_REUSES}
 * stays 0).
 */
public enum Counter {
  /** Refresh-token grant requests whose token the emulator knew (and so the user). */
  REFRESH_CALLS("refreshCalls"),
  /** Refreshes answered with new tokens. */
  REFRESH_SUCCESSES("refreshSuccesses"),
  /** Refreshes refused with 429. */
  REFRESH_RATE_LIMITED("refreshRateLimited"),
  /** Token requests answered 400 invalid_grant (codes and refresh tokens). */
  INVALID_GRANTS("invalidGrants"),
  /** A refresh token presented again after it was spent (rotated away). */
  SPENT_TOKEN_REUSES("spentTokenReuses"),
  /** Grants revoked because a spent token was presented in STRICT mode (or a code replayed). */
  REUSE_REVOCATIONS("reuseRevocations"),
  /** Authorization codes exchanged for tokens. */
  CODE_EXCHANGES("codeExchanges"),
  /** API calls with a valid access token. */
  API_CALLS("apiCalls"),
  /** API calls refused with 429. */
  API_RATE_LIMITED("apiRateLimited"),
  /** Requests that got a configured fault instead of (or in addition to) a real answer. */
  FAULTS_INJECTED("faultsInjected");

  private final String jsonName;

  Counter(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The name the control API uses for this counter. */
  public String jsonName() {
    return jsonName;
  }
}

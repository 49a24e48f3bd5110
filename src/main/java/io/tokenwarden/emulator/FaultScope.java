package io.tokenwarden.emulator;

/** Where a fault rule applies: the token endpoint, the API calls, or both. */
public enum FaultScope {
  TOKEN_ENDPOINT,
  API,
  ANY;

  boolean covers(FaultScope requestScope) {
    return this == ANY || this == requestScope;
  }
}

package io.tokenwarden.domain;

/** How a failed token-endpoint call is classified; decides the connection's next status. */
public enum FailureKind {
  /** 5xx, timeout, refused connection, malformed 200: try again later. */
  TRANSIENT,
  /** 429 with Retry-After. */
  THROTTLED,
  /** 400 invalid_grant: the grant is gone. */
  GRANT_LOST,
  /** 401: Token Warden's own client credentials are wrong; no tenant is at fault. */
  CLIENT_CREDENTIALS,
  /**
   * Token Warden held the call back itself (circuit breaker open, bulkhead full): FreeAgent was
   * never called, so the connection is not at fault and only its next attempt moves.
   */
  LOCAL_REFUSAL
}

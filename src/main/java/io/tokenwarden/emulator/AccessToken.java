package io.tokenwarden.emulator;

import java.time.Instant;

/**
 * An issued access token's facts (the token string itself is the map key, never stored twice). It
 * stays valid until it expires or its grant dies, as a bearer token does at FreeAgent.
 */
final class AccessToken {

  private final Grant grant;
  private volatile Instant expiresAt;

  AccessToken(Grant grant, Instant expiresAt) {
    this.grant = grant;
    this.expiresAt = expiresAt;
  }

  Grant grant() {
    return grant;
  }

  long userId() {
    return grant.userId();
  }

  boolean isValid(Instant now) {
    return now.isBefore(expiresAt) && grant.isAlive(now);
  }

  boolean isExpired(Instant now) {
    return !now.isBefore(expiresAt);
  }

  void expireNow(Instant now) {
    expiresAt = now;
  }
}

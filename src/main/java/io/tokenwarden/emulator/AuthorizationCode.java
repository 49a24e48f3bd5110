package io.tokenwarden.emulator;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An issued authorization code: bound to the client and redirect URI it was issued for, usable
 * once. After use it is remembered until it would have expired, so a replay is recognised and
 * revokes the grant it produced (RFC 6749 §4.1.2).
 */
final class AuthorizationCode {

  private final String clientId;
  private final String redirectUri;
  private final long userId;
  private final Instant expiresAt;
  private final AtomicBoolean used = new AtomicBoolean();
  private volatile Grant issuedGrant;

  AuthorizationCode(String clientId, String redirectUri, long userId, Instant expiresAt) {
    this.clientId = clientId;
    this.redirectUri = redirectUri;
    this.userId = userId;
    this.expiresAt = expiresAt;
  }

  String clientId() {
    return clientId;
  }

  String redirectUri() {
    return redirectUri;
  }

  long userId() {
    return userId;
  }

  boolean isExpired(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /** True for the one caller that uses the code first. */
  boolean markUsed() {
    return used.compareAndSet(false, true);
  }

  void recordGrant(Grant grant) {
    this.issuedGrant = grant;
  }

  Grant issuedGrant() {
    return issuedGrant;
  }
}

package io.tokenwarden.emulator;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * One user's authorization of the client: the chain of refresh tokens and the rotation state
 * machine that decides which of them still work. Each grant has its own lock, so refreshes of
 * different users never wait for each other. It remembers its last few spent tokens (not all of
 * them, so memory stays bounded) to recognise a reuse.
 */
final class Grant {

  /** How many spent refresh tokens a grant remembers for reuse detection. */
  static final int REMEMBERED_SPENT_TOKENS = 8;

  private final long id;
  private final long userId;
  private final String clientId;
  private final TokenIndex index;
  private String current;
  private Instant currentExpiresAt;
  private String previous;
  private Instant previousValidUntil;
  private final ArrayDeque<String> spent = new ArrayDeque<>();
  private boolean revoked;

  Grant(
      long id,
      long userId,
      String clientId,
      String refreshToken,
      Instant refreshExpiresAt,
      TokenIndex index) {
    this.id = id;
    this.userId = userId;
    this.clientId = clientId;
    this.index = index;
    this.current = refreshToken;
    this.currentExpiresAt = refreshExpiresAt;
    index.register(refreshToken, this);
  }

  long id() {
    return id;
  }

  long userId() {
    return userId;
  }

  String clientId() {
    return clientId;
  }

  synchronized Instant refreshExpiresAt() {
    return currentExpiresAt;
  }

  /** Alive: not revoked and its current refresh token has not expired. */
  synchronized boolean isAlive(Instant now) {
    return !revoked && now.isBefore(currentExpiresAt);
  }

  /** Applies the rotation mode to one presented refresh token. */
  synchronized RefreshResult refresh(
      String presented,
      RotationMode mode,
      long graceSeconds,
      long lifetimeSeconds,
      Instant now,
      Supplier<String> newToken) {
    if (revoked) {
      return new RefreshResult.Refused("The grant has been revoked.", false, false);
    }
    if (presented.equals(current)) {
      if (!now.isBefore(currentExpiresAt)) {
        return new RefreshResult.Refused("The refresh token has expired.", false, false);
      }
      return rotate(mode, graceSeconds, lifetimeSeconds, now, newToken);
    }
    if (presented.equals(previous)) {
      if (mode == RotationMode.GRACE && now.isBefore(previousValidUntil)) {
        // A retry with the old token inside the grace period gets the same new token again.
        return new RefreshResult.Renewed(current, currentExpiresAt);
      }
      retire(previous);
      previous = null;
    }
    if (spent.contains(presented)) {
      if (mode == RotationMode.STRICT) {
        revoke();
        return new RefreshResult.Refused(
            "The refresh token was already used; the grant has been revoked.", true, true);
      }
      return new RefreshResult.Refused("The refresh token was already used.", true, false);
    }
    return new RefreshResult.Refused("The refresh token is not valid.", false, false);
  }

  private RefreshResult rotate(
      RotationMode mode,
      long graceSeconds,
      long lifetimeSeconds,
      Instant now,
      Supplier<String> newToken) {
    if (mode == RotationMode.NONE) {
      return new RefreshResult.Renewed(current, currentExpiresAt);
    }
    if (previous != null) {
      retire(previous);
      previous = null;
    }
    if (mode == RotationMode.GRACE) {
      previous = current;
      previousValidUntil = now.plusSeconds(graceSeconds);
    } else {
      retire(current);
    }
    current = newToken.get();
    currentExpiresAt = now.plusSeconds(lifetimeSeconds);
    index.register(current, this);
    return new RefreshResult.Renewed(current, currentExpiresAt);
  }

  private void retire(String token) {
    spent.addLast(token);
    while (spent.size() > REMEMBERED_SPENT_TOKENS) {
      index.forget(spent.removeFirst());
    }
  }

  /** Kills every token of this grant; access tokens check {@link #isAlive} on every call. */
  synchronized void revoke() {
    revoked = true;
    forgetAllTokens();
  }

  /** Lets the current refresh token expire now (the control API's "expire" action). */
  synchronized void expireRefreshTokenNow(Instant now) {
    currentExpiresAt = now;
    if (previous != null) {
      retire(previous);
      previous = null;
    }
  }

  /** Called by the sweep for a dead grant: drops its index entries. */
  synchronized void forgetAllTokens() {
    index.forget(current);
    if (previous != null) {
      index.forget(previous);
    }
    spent.forEach(index::forget);
    spent.clear();
  }
}

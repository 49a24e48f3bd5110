package io.tokenwarden.application.admin;

import io.tokenwarden.domain.AdminRole;
import java.time.Instant;

/**
 * What one sign-in attempt came to. A locked name answers LOCKED even with the right password, and
 * the lock applies to unknown names too, so the answer never tells which user names exist.
 */
public record SignInOutcome(Kind kind, String username, AdminRole role, Instant lockedUntil) {

  /** The three ways a sign-in ends. */
  public enum Kind {
    SIGNED_IN,
    WRONG_CREDENTIALS,
    LOCKED
  }

  static SignInOutcome signedIn(String username, AdminRole role) {
    return new SignInOutcome(Kind.SIGNED_IN, username, role, null);
  }

  static SignInOutcome wrong() {
    return new SignInOutcome(Kind.WRONG_CREDENTIALS, null, null, null);
  }

  static SignInOutcome locked(Instant until) {
    return new SignInOutcome(Kind.LOCKED, null, null, until);
  }

  public boolean isSignedIn() {
    return kind == Kind.SIGNED_IN;
  }
}

package io.tokenwarden.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * How many wrong passwords a user name may take, within what window, before sign-in is refused for
 * how long. Slows password guessing to a few attempts per lockout period per name.
 */
public record LoginPolicy(int maxFailures, Duration window, Duration lockout) {

  public LoginPolicy {
    if (maxFailures < 1) {
      throw new IllegalArgumentException("maxFailures must be at least 1");
    }
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(lockout, "lockout");
    if (window.isNegative() || window.isZero() || lockout.isNegative() || lockout.isZero()) {
      throw new IllegalArgumentException("window and lockout must be positive");
    }
  }
}

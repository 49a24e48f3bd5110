package io.tokenwarden.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * Counts failed sign-ins for one user name, whether or not such a user exists (so a lock says
 * nothing about which names are real), and locks the name once the {@link LoginPolicy} is exceeded.
 * Stored in the database so that every node of a cluster counts together.
 */
@Entity
@Table(name = "login_throttle")
public class LoginThrottle {

  @Id
  @Column(name = "username_key", length = AdminUser.MAX_USERNAME_LENGTH)
  private String usernameKey;

  @Column(name = "failure_count", nullable = false)
  private int failureCount;

  @Column(name = "window_started_at", nullable = false)
  private Instant windowStartedAt;

  @Column(name = "locked_until")
  private Instant lockedUntil;

  protected LoginThrottle() {}

  public LoginThrottle(String usernameKey, Instant now) {
    this.usernameKey = key(usernameKey);
    this.windowStartedAt = Objects.requireNonNull(now, "now");
  }

  /** The key a user name is counted under: normalised and cut to the column's length. */
  public static String key(String username) {
    String normal = AdminUser.normalise(username == null ? "" : username);
    return normal.length() <= AdminUser.MAX_USERNAME_LENGTH
        ? normal
        : normal.substring(0, AdminUser.MAX_USERNAME_LENGTH);
  }

  /** Whether sign-in for this name is refused at {@code now}, even with the right password. */
  public boolean isLockedAt(Instant now) {
    return lockedUntil != null && now.isBefore(lockedUntil);
  }

  /** Records a wrong password; locks the name when this failure exceeds the policy. */
  public void failed(Instant now, LoginPolicy policy) {
    if (isLockedAt(now)) {
      return;
    }
    if (lockedUntil != null || !now.isBefore(windowStartedAt.plus(policy.window()))) {
      // A finished lock or an expired window: counting starts afresh.
      windowStartedAt = now;
      failureCount = 0;
      lockedUntil = null;
    }
    failureCount++;
    if (failureCount >= policy.maxFailures()) {
      lockedUntil = now.plus(policy.lockout());
    }
  }

  /** A correct password outside a lock clears the count. */
  public void succeeded() {
    failureCount = 0;
    lockedUntil = null;
  }

  public String usernameKey() {
    return usernameKey;
  }

  public int failureCount() {
    return failureCount;
  }

  public Instant lockedUntil() {
    return lockedUntil;
  }
}

package io.tokenwarden.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The login throttle: five wrong passwords in 15 minutes lock a user name for 15 minutes. */
class LoginThrottleTest {

  private Clock clock = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);
  private final LoginPolicy policy =
      new LoginPolicy(5, Duration.ofMinutes(15), Duration.ofMinutes(15));

  private void advance(Duration by) {
    clock = Clock.offset(clock, by);
  }

  /** Four failures leave the name open; the fifth locks it for 15 minutes from that failure. */
  @Test
  void fifthFailureWithinWindowLocks() {
    LoginThrottle throttle = new LoginThrottle("Alice", clock.instant());
    for (int i = 0; i < 4; i++) {
      throttle.failed(clock.instant(), policy);
      advance(Duration.ofMinutes(2));
    }
    assertThat(throttle.isLockedAt(clock.instant())).isFalse();

    throttle.failed(clock.instant(), policy);

    assertThat(throttle.isLockedAt(clock.instant())).isTrue();
    assertThat(throttle.lockedUntil()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
  }

  /** The lock ends on time, and the next failure starts a fresh count instead of relocking. */
  @Test
  void lockExpiresAndCountingStartsAfresh() {
    LoginThrottle throttle = new LoginThrottle("alice", clock.instant());
    for (int i = 0; i < 5; i++) {
      throttle.failed(clock.instant(), policy);
    }
    advance(Duration.ofMinutes(14).plusSeconds(59));
    assertThat(throttle.isLockedAt(clock.instant())).isTrue();
    advance(Duration.ofSeconds(1));
    assertThat(throttle.isLockedAt(clock.instant())).isFalse();

    throttle.failed(clock.instant(), policy);

    assertThat(throttle.isLockedAt(clock.instant())).isFalse();
    assertThat(throttle.failureCount()).isEqualTo(1);
  }

  /** Failures spread wider than the window never lock: each window counts on its own. */
  @Test
  void failuresOutsideTheWindowDoNotAddUp() {
    LoginThrottle throttle = new LoginThrottle("alice", clock.instant());
    for (int i = 0; i < 10; i++) {
      throttle.failed(clock.instant(), policy);
      advance(Duration.ofMinutes(4));
    }
    assertThat(throttle.isLockedAt(clock.instant())).isFalse();
  }

  /** Failures during a lock do not extend it; a success afterwards clears the count. */
  @Test
  void failuresDuringLockDoNotExtendItAndSuccessClears() {
    LoginThrottle throttle = new LoginThrottle("alice", clock.instant());
    for (int i = 0; i < 5; i++) {
      throttle.failed(clock.instant(), policy);
    }
    Instant until = throttle.lockedUntil();
    advance(Duration.ofMinutes(5));
    throttle.failed(clock.instant(), policy);
    assertThat(throttle.lockedUntil()).isEqualTo(until);

    throttle.succeeded();

    assertThat(throttle.isLockedAt(clock.instant())).isFalse();
    assertThat(throttle.failureCount()).isZero();
  }

  /** "Alice" and " alice " are counted under one key, so case does not evade the throttle. */
  @Test
  void keyIgnoresCaseAndSpaces() {
    assertThat(LoginThrottle.key(" Alice ")).isEqualTo("alice");
    assertThat(LoginThrottle.key("x".repeat(300))).hasSize(AdminUser.MAX_USERNAME_LENGTH);
  }
}

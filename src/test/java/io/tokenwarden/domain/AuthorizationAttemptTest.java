package io.tokenwarden.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The authorization attempt: once, same browser, within the code's lifetime and the link's. */
class AuthorizationAttemptTest {

  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
  private static final Duration CODE_LIFETIME = Duration.ofMinutes(15);
  private static final String STATE = "5".repeat(64);
  private static final String BROWSER = "b".repeat(64);

  private final OnboardingLink link =
      new OnboardingLink(
          UUID.randomUUID(), "a".repeat(64), LinkPurpose.CONNECT, T0, Duration.ofDays(7));

  /** The attempt lives 15 minutes when the link lives longer. */
  @Test
  void livesAsLongAsTheCode() {
    AuthorizationAttempt attempt = start(T0);

    assertThat(attempt.expiresAt()).isEqualTo(T0.plus(CODE_LIFETIME));
    assertThat(attempt.tenantId()).isEqualTo(link.tenantId());
    assertThat(attempt.linkId()).isEqualTo(link.id());
    assertThat(attempt.isOpen(T0.plus(CODE_LIFETIME).minusMillis(1))).isTrue();
    assertThat(attempt.isOpen(T0.plus(CODE_LIFETIME))).isFalse();
  }

  /** An attempt started just before the link expires ends with the link. */
  @Test
  void neverOutlivesItsLink() {
    Instant late = link.expiresAt().minus(Duration.ofMinutes(3));

    AuthorizationAttempt attempt = start(late);

    assertThat(attempt.expiresAt()).isEqualTo(link.expiresAt());
  }

  /** A link that is not usable cannot start an attempt. */
  @Test
  void unusableLinkCannotStart() {
    link.revoke(T0);

    assertThatThrownBy(() -> start(T0.plusSeconds(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("revoked");
  }

  /** Only the browser that started the attempt matches; a missing binding never does. */
  @Test
  void boundToTheBrowser() {
    AuthorizationAttempt attempt = start(T0);

    assertThat(attempt.isBoundTo(BROWSER)).isTrue();
    assertThat(attempt.isBoundTo("c".repeat(64))).isFalse();
    assertThat(attempt.isBoundTo(null)).isFalse();
  }

  /** A claimed attempt cannot be claimed again: a replayed callback is refused. */
  @Test
  void claimedOnce() {
    AuthorizationAttempt attempt = start(T0);

    attempt.claim(T0.plusSeconds(30));

    assertThat(attempt.isCompleted()).isTrue();
    assertThat(attempt.outcome()).isEqualTo(AuthorizationAttempt.EXCHANGING);
    assertThatThrownBy(() -> attempt.claim(T0.plusSeconds(31)))
        .isInstanceOf(IllegalStateException.class);
  }

  /** An expired attempt cannot be claimed. */
  @Test
  void expiredAttemptCannotBeClaimed() {
    AuthorizationAttempt attempt = start(T0);

    assertThatThrownBy(() -> attempt.claim(T0.plus(CODE_LIFETIME)))
        .isInstanceOf(IllegalStateException.class);
  }

  /** A claimed attempt gets its final outcome once; a finished one cannot be finished again. */
  @Test
  void finishesOnce() {
    AuthorizationAttempt attempt = start(T0);
    attempt.claim(T0.plusSeconds(30));

    attempt.finish(AuthorizationAttempt.CONNECTED, T0.plusSeconds(31));

    assertThat(attempt.outcome()).isEqualTo("connected");
    assertThat(attempt.completedAt()).isEqualTo(T0.plusSeconds(30));
    assertThatThrownBy(() -> attempt.finish("access_denied", T0.plusSeconds(32)))
        .isInstanceOf(IllegalStateException.class);
  }

  /** An attempt can finish without a claim (the tenant declined at FreeAgent). */
  @Test
  void finishesWithoutClaim() {
    AuthorizationAttempt attempt = start(T0);

    attempt.finish("access_denied", T0.plusSeconds(10));

    assertThat(attempt.isCompleted()).isTrue();
    assertThat(attempt.completedAt()).isEqualTo(T0.plusSeconds(10));
    assertThat(attempt.isOpen(T0.plusSeconds(11))).isFalse();
  }

  private AuthorizationAttempt start(Instant now) {
    return AuthorizationAttempt.start(link, STATE, BROWSER, now, CODE_LIFETIME);
  }
}

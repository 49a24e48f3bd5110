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

  /**
   * A finished attempt may show its result again to its own browser (a reload), never to another,
   * and not while its code is still being exchanged.
   */
  @Test
  void finishedAttemptIsReplayedOnlyToItsBrowser() {
    AuthorizationAttempt attempt = start(T0);
    assertThat(attempt.finishedFor(BROWSER)).isFalse();
    attempt.claim(T0);
    assertThat(attempt.finishedFor(BROWSER)).isFalse();

    attempt.finish(AuthorizationAttempt.CONNECTED, T0);

    assertThat(attempt.finishedFor(BROWSER)).isTrue();
    assertThat(attempt.finishedFor("c".repeat(64))).isFalse();
    assertThat(attempt.finishedFor(null)).isFalse();
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

  /** The callback of the browser that pressed Connect, in time, with a code: claimed. */
  @Test
  void callbackInTimeFromTheSameBrowserIsAccepted() {
    AuthorizationAttempt attempt = start(T0);

    CallbackVerdict verdict = attempt.checkCallback(BROWSER, link, "code", null, T0.plusSeconds(9));

    assertThat(verdict).isEqualTo(CallbackVerdict.ACCEPTED);
    assertThat(attempt.outcome()).isEqualTo(AuthorizationAttempt.EXCHANGING);
  }

  /** Another browser, or a replay after the attempt finished: refused, and nothing changes. */
  @Test
  void otherBrowserOrReplayIsInvalidAndChangesNothing() {
    AuthorizationAttempt attempt = start(T0);

    assertThat(attempt.checkCallback("c".repeat(64), link, "code", null, T0.plusSeconds(1)))
        .isEqualTo(CallbackVerdict.INVALID);
    assertThat(attempt.checkCallback(null, link, "code", null, T0.plusSeconds(1)))
        .isEqualTo(CallbackVerdict.INVALID);
    assertThat(attempt.isCompleted()).isFalse();

    attempt.checkCallback(BROWSER, link, "code", null, T0.plusSeconds(2));
    assertThat(attempt.checkCallback(BROWSER, link, "code", null, T0.plusSeconds(3)))
        .isEqualTo(CallbackVerdict.INVALID);
    assertThat(attempt.outcome()).isEqualTo(AuthorizationAttempt.EXCHANGING);
  }

  /** A link revoked after Connect refuses the callback and ends the attempt with the reason. */
  @Test
  void linkRevokedSinceConnectEndsTheAttempt() {
    AuthorizationAttempt attempt = start(T0);
    link.revoke(T0.plusSeconds(5));

    assertThat(attempt.checkCallback(BROWSER, link, "code", null, T0.plusSeconds(6)))
        .isEqualTo(CallbackVerdict.LINK_REVOKED);
    assertThat(attempt.outcome()).isEqualTo("link_revoked");
  }

  /** A callback after the code's lifetime is refused as expired. */
  @Test
  void lateCallbackIsExpired() {
    AuthorizationAttempt attempt = start(T0);

    assertThat(attempt.checkCallback(BROWSER, link, "code", null, T0.plus(CODE_LIFETIME)))
        .isEqualTo(CallbackVerdict.ATTEMPT_EXPIRED);
    assertThat(attempt.outcome()).isEqualTo("expired");
  }

  /** Deny at FreeAgent is a decline; any other OAuth error is the provider's. */
  @Test
  void oauthErrorsEndTheAttempt() {
    AuthorizationAttempt denied = start(T0);
    assertThat(denied.checkCallback(BROWSER, link, null, "access_denied", T0.plusSeconds(1)))
        .isEqualTo(CallbackVerdict.DECLINED);
    assertThat(denied.outcome()).isEqualTo("access_denied");

    AuthorizationAttempt failed = start(T0);
    assertThat(failed.checkCallback(BROWSER, link, "code", "server_error", T0.plusSeconds(1)))
        .isEqualTo(CallbackVerdict.PROVIDER_ERROR);
    assertThat(failed.outcome()).isEqualTo("provider_error");
  }

  /** No code, a blank one or an absurdly long one is not FreeAgent's answer. */
  @Test
  void missingOrOversizedCodeIsRefused() {
    for (String code : new String[] {null, " ", "x".repeat(2049)}) {
      AuthorizationAttempt attempt = start(T0);
      assertThat(attempt.checkCallback(BROWSER, link, code, null, T0.plusSeconds(1)))
          .isEqualTo(CallbackVerdict.NO_CODE);
      assertThat(attempt.outcome()).isEqualTo("no_code");
    }
  }

  /** The attempt refuses to judge a callback against a link that is not its own. */
  @Test
  void onlyItsOwnLinkCounts() {
    AuthorizationAttempt attempt = start(T0);
    OnboardingLink other =
        new OnboardingLink(
            link.tenantId(), "d".repeat(64), LinkPurpose.CONNECT, T0, Duration.ofDays(7));

    assertThatThrownBy(() -> attempt.checkCallback(BROWSER, other, "code", null, T0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private AuthorizationAttempt start(Instant now) {
    return AuthorizationAttempt.start(link, STATE, BROWSER, now, CODE_LIFETIME);
  }
}

package io.tokenwarden.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The onboarding link's life: usable until it expires, is revoked, or connects a tenant once. */
class OnboardingLinkTest {

  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
  private static final String HASH = "a".repeat(64);

  private final OnboardingLink link =
      new OnboardingLink(UUID.randomUUID(), HASH, LinkPurpose.CONNECT, T0, Duration.ofDays(7));

  /** A new link is usable up to, but not at, its expiry. */
  @Test
  void usableUntilItExpires() {
    assertThat(link.expiresAt()).isEqualTo(T0.plus(Duration.ofDays(7)));
    assertThat(link.isUsable(T0)).isTrue();
    assertThat(link.isUsable(link.expiresAt().minusMillis(1))).isTrue();
    assertThat(link.stateAt(link.expiresAt())).isEqualTo(LinkState.EXPIRED);
    assertThat(link.stateAt(link.expiresAt()).label()).isEqualTo("expired");
  }

  /** Once a connection succeeded through the link, it is spent: a second use is refused. */
  @Test
  void singleUse() {
    link.consume(T0.plusSeconds(60));

    assertThat(link.stateAt(T0.plusSeconds(61))).isEqualTo(LinkState.USED);
    assertThat(link.consumedAt()).isEqualTo(T0.plusSeconds(60));
    assertThatThrownBy(() -> link.consume(T0.plusSeconds(120)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("used");
  }

  /** An expired link cannot connect anyone. */
  @Test
  void expiredLinkCannotBeConsumed() {
    assertThatThrownBy(() -> link.consume(T0.plus(Duration.ofDays(8))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("expired");
  }

  /** A revoked link is dead at once and stays "revoked", even after its expiry passes. */
  @Test
  void revokeKillsTheLink() {
    assertThat(link.revoke(T0.plusSeconds(5))).isTrue();

    assertThat(link.stateAt(T0.plusSeconds(6))).isEqualTo(LinkState.REVOKED);
    assertThat(link.stateAt(T0.plus(Duration.ofDays(30)))).isEqualTo(LinkState.REVOKED);
    assertThat(link.revoke(T0.plusSeconds(7))).isFalse();
    assertThat(link.revokedAt()).isEqualTo(T0.plusSeconds(5));
    assertThatThrownBy(() -> link.consume(T0.plusSeconds(8)))
        .isInstanceOf(IllegalStateException.class);
  }

  /** A used link stays "used": revoking it afterwards changes nothing. */
  @Test
  void usedLinkCannotBeRevoked() {
    link.consume(T0.plusSeconds(1));

    assertThat(link.revoke(T0.plusSeconds(2))).isFalse();
    assertThat(link.stateAt(T0.plusSeconds(3))).isEqualTo(LinkState.USED);
    assertThat(link.revokedAt()).isNull();
  }

  /** Nonsense lifetimes and hashes are refused when the link is made. */
  @Test
  void guardsItsConstruction() {
    UUID tenant = UUID.randomUUID();
    assertThatThrownBy(
            () -> new OnboardingLink(tenant, HASH, LinkPurpose.CONNECT, T0, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new OnboardingLink(
                    tenant, "plain-token", LinkPurpose.CONNECT, T0, Duration.ofDays(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** toString shows no hash of the token. */
  @Test
  void toStringHidesTheHash() {
    assertThat(link.toString()).doesNotContain(HASH);
  }
}

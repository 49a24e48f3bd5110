package io.tokenwarden.interfaces.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.application.onboarding.OnboardingLinkSummary;
import io.tokenwarden.domain.LinkPurpose;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How the tenant page words its links and when it offers to revoke one. */
class TenantPageLinksTest {

  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  private final TenantPage page = new TenantPage();

  /** A reconnect link is called one; a first connection is an onboarding link. */
  @Test
  void purposeWords() {
    assertThat(page.purposeWord(LinkPurpose.RECONNECT)).isEqualTo("Reconnect");
    assertThat(page.purposeWord(LinkPurpose.CONNECT)).isEqualTo("Onboarding");
  }

  /** Unused links can be revoked, even expired ones; used or revoked links cannot. */
  @Test
  void onlyUnusedUnrevokedLinksAreRevocable() {
    assertThat(page.revocable(link(null, null, "usable"))).isTrue();
    assertThat(page.revocable(link(null, null, "expired"))).isTrue();
    assertThat(page.revocable(link(NOW, null, "used"))).isFalse();
    assertThat(page.revocable(link(null, NOW, "revoked"))).isFalse();
  }

  /** A used or revoked link says when that happened, not when it would have expired. */
  @Test
  void linkTimingNamesTheMomentThatMatters() {
    TimeDisplay time = new TimeDisplay();
    time.clock = Clock.fixed(NOW, ZoneOffset.UTC);
    page.time = time;

    assertThat(page.linkTiming(link(NOW.minusSeconds(600), null, "used")))
        .isEqualTo("Used 10 min ago");
    assertThat(page.linkTiming(link(null, NOW.minusSeconds(7200), "revoked")))
        .isEqualTo("Revoked 2 h ago");
    assertThat(page.linkTiming(link(null, null, "usable"))).isEqualTo("Expires in 60 min");
  }

  private static OnboardingLinkSummary link(Instant consumedAt, Instant revokedAt, String state) {
    return new OnboardingLinkSummary(
        UUID.randomUUID(),
        LinkPurpose.CONNECT,
        NOW.minusSeconds(3600),
        NOW.plusSeconds(3600),
        consumedAt,
        revokedAt,
        state);
  }
}

package io.tokenwarden.interfaces.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.application.refresh.ProviderStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The tenants page's banner says which provider-wide state holds, in plain words. */
class ProviderBannerTest {

  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  /** All quiet: no banner. */
  @Test
  void nothingToSay() {
    assertThat(ProviderBanner.lines(new ProviderStatus(false, null, 5, null, null), NOW)).isEmpty();
  }

  /** Wrong client credentials come first and say what to fix; a pause names its end. */
  @Test
  void credentialsThenPause() {
    ProviderStatus status =
        new ProviderStatus(true, NOW.plusSeconds(600), 0, NOW.minusSeconds(60), "alarm");
    assertThat(ProviderBanner.lines(status, NOW))
        .hasSize(2)
        .first()
        .asString()
        .contains("client id or secret");
    assertThat(ProviderBanner.lines(status, NOW).get(1))
        .contains("paused cluster-wide until 2026-11-28 12:10:00");
  }

  /** After a pause has ended, the engine's own message (ramping up) is shown, nothing more. */
  @Test
  void recoveringShowsTheEnginesMessage() {
    ProviderStatus status =
        new ProviderStatus(false, NOW.minusSeconds(60), 3, null, "Recovering: 3 per tick");
    assertThat(ProviderBanner.lines(status, NOW)).containsExactly("Recovering: 3 per tick");
  }

  /** An open circuit without a pause or a credential alarm still says refreshing is paused. */
  @Test
  void openCircuitWithoutPauseSaysItResumes() {
    ProviderStatus status = new ProviderStatus(true, null, 0, null, "ignored while paused");
    assertThat(ProviderBanner.lines(status, NOW))
        .containsExactly("Refreshing is paused cluster-wide; it resumes automatically.");
  }
}

package io.tokenwarden.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A tenant remembers its last onboarding step; a quick repeat is noted but is no news. */
class TenantOnboardingStepTest {

  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
  private static final Duration WINDOW = Duration.ofMinutes(10);

  /** A new step is news and becomes the tenant's last attempt. */
  @Test
  void newStepIsNewsAndRemembered() {
    Tenant tenant = new Tenant(TenantSlug.of("acme"), "Acme", T0);

    assertThat(tenant.noteOnboardingStep("link_opened", T0, WINDOW)).isTrue();
    assertThat(tenant.noteOnboardingStep("access_denied", T0.plusSeconds(30), WINDOW)).isTrue();

    assertThat(tenant.lastOnboardingStep()).isEqualTo("access_denied");
    assertThat(tenant.lastOnboardingAt()).isEqualTo(T0.plusSeconds(30));
  }

  /** The same step within the window (a reload, a link preview) is not news; later it is. */
  @Test
  void repeatWithinTheWindowIsNoNews() {
    Tenant tenant = new Tenant(TenantSlug.of("acme"), "Acme", T0);
    tenant.noteOnboardingStep("link_opened", T0, WINDOW);

    assertThat(tenant.noteOnboardingStep("link_opened", T0.plusSeconds(60), WINDOW)).isFalse();
    assertThat(tenant.lastOnboardingAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(tenant.noteOnboardingStep("link_opened", T0.plus(Duration.ofMinutes(12)), WINDOW))
        .isTrue();
  }
}

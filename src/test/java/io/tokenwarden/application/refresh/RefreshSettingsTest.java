package io.tokenwarden.application.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.domain.RefreshTimingFixtures;
import io.tokenwarden.testing.ConfigDefaults;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RefreshSettingsTest {

  private final RefreshSettings settings = ConfigDefaults.of(RefreshSettings.class);

  /** With nothing configured the scheduler and the protocol run on the README's numbers. */
  @Test
  void defaultsAreTheDocumentedOnes() {
    assertThat(settings.enabled()).isTrue();
    assertThat(settings.tick()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.concurrency()).isEqualTo(8);
    assertThat(settings.lease()).isEqualTo(Duration.ofMinutes(2));
    assertThat(settings.perUserLimit()).isEqualTo(15);
    assertThat(settings.refreshTokenWarning()).isEqualTo(Duration.ofDays(14));
    assertThat(settings.commitAttempts()).isEqualTo(5);
    assertThat(settings.waitForOther()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.drainTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(settings.throttleWindow()).isEqualTo(Duration.ofSeconds(60));
  }

  /** The default admission lets 10 000 refreshes a tick through and resumes one step at a time. */
  @Test
  void defaultAdmissionIsTheDocumentedOne() {
    assertThat(settings.admission())
        .isEqualTo(
            new ProviderAdmission(
                10000,
                1,
                1,
                Duration.ofSeconds(10),
                Duration.ofMinutes(5),
                3,
                Duration.ofSeconds(60)));
  }

  /** The default schedule timing is the one the README documents. */
  @Test
  void defaultTimingIsTheDomainDefault() {
    assertThat(settings.timing()).isEqualTo(RefreshTimingFixtures.documentedDefaults());
  }

  /** A count configured as zero or less still lets one refresh, attempt or claim through. */
  @Test
  void countsAreAtLeastOne() {
    settings.concurrency = 0;
    settings.perUserLimit = -3;
    settings.commitAttempts = 0;
    settings.maxPerTick = 0;

    assertThat(settings.concurrency()).isEqualTo(1);
    assertThat(settings.perUserLimit()).isEqualTo(1);
    assertThat(settings.commitAttempts()).isEqualTo(1);
    assertThat(settings.admission().maxPerTick()).isEqualTo(1);
  }

  /** Every field is a key with a default, and each stands in the README's table as written. */
  @Test
  void everyKeyIsInTheReadmeTableWithItsDefault() {
    ConfigDefaults.assertDocumentedInReadme(RefreshSettings.class);
  }
}

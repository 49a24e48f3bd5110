package io.tokenwarden.application.handout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenwarden.domain.HandOutValidity;
import io.tokenwarden.testing.ConfigDefaults;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HandOutSettingsTest {

  private final HandOutSettings settings = ConfigDefaults.of(HandOutSettings.class);

  /** With nothing configured: 15 s in memory, at most 30 min asked for, half the lifetime. */
  @Test
  void defaultsAreTheDocumentedOnes() {
    assertThat(settings.cacheTtl()).isEqualTo(Duration.ofSeconds(15));
    assertThat(settings.validity(Duration.ofMinutes(5)))
        .isEqualTo(new HandOutValidity(Duration.ofMinutes(5), Duration.ofMinutes(30), 0.5));
  }

  @Test
  void everyKeyIsInTheReadmeTableWithItsDefault() {
    ConfigDefaults.assertDocumentedInReadme(HandOutSettings.class);
  }

  /** A fraction outside (0, 1] is refused when the hand-out starts, not at the first request. */
  @Test
  void aFractionAboveOneIsRefused() {
    settings.minValidityFraction = 1.5;

    assertThatThrownBy(() -> settings.validity(Duration.ofMinutes(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("min-validity-fraction");
  }
}

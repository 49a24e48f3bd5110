package io.tokenwarden.application.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenwarden.domain.LoginPolicy;
import io.tokenwarden.testing.ConfigDefaults;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginSettingsTest {

  private final LoginSettings settings = ConfigDefaults.of(LoginSettings.class);

  /** With nothing configured, five failures within 15 minutes lock a name for 15 minutes. */
  @Test
  void defaultsAreTheDocumentedOnes() {
    assertThat(settings.policy())
        .isEqualTo(new LoginPolicy(5, Duration.ofMinutes(15), Duration.ofMinutes(15)));
  }

  @Test
  void everyKeyIsInTheReadmeTableWithItsDefault() {
    ConfigDefaults.assertDocumentedInReadme(LoginSettings.class);
  }

  /** Zero allowed failures would lock every name at once: refused at start-up. */
  @Test
  void zeroFailuresIsRefused() {
    settings.maxFailures = 0;

    assertThatThrownBy(settings::policy)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxFailures");
  }
}

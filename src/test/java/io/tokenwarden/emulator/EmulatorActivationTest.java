package io.tokenwarden.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmulatorActivationTest {

  /** With nothing configured the server plays FreeAgent, so liberty:run needs no account. */
  @Test
  void enabledByDefault() {
    assertThat(EmulatorActivation.isEnabled(Optional.empty(), Optional.empty(), Optional.empty()))
        .isTrue();
  }

  /** A configured client id means a real FreeAgent: the emulator is off. */
  @Test
  void disabledWhenAClientIdIsConfigured() {
    assertThat(
            EmulatorActivation.isEnabled(
                Optional.empty(), Optional.of("real-id"), Optional.empty()))
        .isFalse();
  }

  /** An explicit mode wins over the client id rule. */
  @Test
  void explicitModeDecides() {
    assertThat(
            EmulatorActivation.isEnabled(
                Optional.of("emulator"), Optional.of("real-id"), Optional.empty()))
        .isTrue();
    assertThat(
            EmulatorActivation.isEnabled(
                Optional.of("sandbox"), Optional.empty(), Optional.empty()))
        .isFalse();
  }

  /** An emulator-only server is enabled whatever the application's own FreeAgent mode says. */
  @Test
  void enabledFlagWins() {
    assertThat(
            EmulatorActivation.isEnabled(
                Optional.of("production"), Optional.of("real-id"), Optional.of(true)))
        .isTrue();
    assertThat(EmulatorActivation.isEnabled(Optional.empty(), Optional.empty(), Optional.of(false)))
        .isFalse();
  }
}

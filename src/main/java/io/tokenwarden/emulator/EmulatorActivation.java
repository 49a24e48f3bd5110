package io.tokenwarden.emulator;

import java.util.Optional;

/**
 * Decides whether this server plays FreeAgent. It does when the configured FreeAgent mode is {@code
 * emulator}, which is the default while no real client id is configured, or when {@code
 * tokenwarden.emulator.enabled=true} makes it an emulator-only server that several application
 * nodes share. An explicit {@code tokenwarden.emulator.enabled=false} wins over both.
 */
public final class EmulatorActivation {

  public static final String EMULATOR_MODE = "emulator";

  private EmulatorActivation() {}

  /** The FreeAgent mode in force: the configured one, else emulator unless a client id is set. */
  public static String effectiveMode(Optional<String> mode, Optional<String> clientId) {
    return mode.filter(m -> !m.isBlank())
        .map(String::trim)
        .orElse(clientId.filter(id -> !id.isBlank()).isPresent() ? "production" : EMULATOR_MODE);
  }

  public static boolean isEnabled(
      Optional<String> mode, Optional<String> clientId, Optional<Boolean> enabled) {
    if (enabled.isPresent()) {
      return enabled.get();
    }
    return EMULATOR_MODE.equalsIgnoreCase(effectiveMode(mode, clientId));
  }
}

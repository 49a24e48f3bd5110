package io.tokenwarden.application.admin;

import java.util.Optional;

/**
 * Decides at start-up how the console gets its first administrator. There is never a default
 * password: either both user and password are configured, or (only against the built-in emulator) a
 * random password is generated and shown once in the log, or nobody can sign in until an operator
 * configures one.
 */
public record FirstAdminPlan(Action action, String username) {

  /** The default name of a generated first administrator. */
  public static final String DEFAULT_USERNAME = "admin";

  /** What start-up does about the first administrator. */
  public enum Action {
    /** An administrator exists; configuration is not consulted (it never resets a password). */
    NOTHING,
    /** Create the configured user with the configured password. */
    CREATE_CONFIGURED,
    /** Emulator mode without configuration: create a user with a random password, log it once. */
    CREATE_GENERATED,
    /** Nobody can sign in: warn how to configure the first administrator. */
    WARN_UNCONFIGURED
  }

  public static FirstAdminPlan decide(
      boolean adminExists,
      Optional<String> configuredUser,
      Optional<String> configuredPassword,
      boolean emulatorMode) {
    Optional<String> user = configuredUser.map(String::strip).filter(u -> !u.isEmpty());
    Optional<String> password = configuredPassword.filter(p -> !p.isEmpty());
    if (adminExists) {
      return new FirstAdminPlan(Action.NOTHING, null);
    }
    if (user.isPresent() && password.isPresent()) {
      return new FirstAdminPlan(Action.CREATE_CONFIGURED, user.get());
    }
    if (emulatorMode && password.isEmpty()) {
      return new FirstAdminPlan(Action.CREATE_GENERATED, user.orElse(DEFAULT_USERNAME));
    }
    return new FirstAdminPlan(Action.WARN_UNCONFIGURED, null);
  }
}

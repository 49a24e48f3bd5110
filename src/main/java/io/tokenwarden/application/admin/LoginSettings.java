package io.tokenwarden.application.admin;

import io.tokenwarden.domain.LoginPolicy;
import jakarta.enterprise.context.Dependent;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every {@code tokenwarden.admin.login.*} key (the console's sign-in throttle) in one place, each
 * default written once here and documented in the README table; inject as
 * {@code @Inject @ConfigProperties LoginSettings}.
 */
@Dependent
@ConfigProperties(prefix = "tokenwarden.admin.login")
public class LoginSettings {

  @ConfigProperty(name = "max-failures", defaultValue = "5")
  int maxFailures;

  @ConfigProperty(name = "failure-window", defaultValue = "PT15M")
  Duration failureWindow;

  @ConfigProperty(name = "lockout", defaultValue = "PT15M")
  Duration lockout;

  /** The throttle these keys describe (it rejects numbers that make no sense). */
  public LoginPolicy policy() {
    return new LoginPolicy(maxFailures, failureWindow, lockout);
  }
}

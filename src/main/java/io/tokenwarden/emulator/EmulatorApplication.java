package io.tokenwarden.emulator;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The emulator's own JAX-RS application under {@code /emulator}. It lists its classes explicitly:
 * the WAR holds other applications (the REST API under {@code /api}), and an application that
 * relies on scanning would serve every resource of the WAR under its path.
 */
@ApplicationPath("/emulator")
public class EmulatorApplication extends Application {

  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(
        EmulatorEnabledFilter.class,
        ControlSecretFilter.class,
        ApproveAppResource.class,
        TokenEndpointResource.class,
        ApiResource.class,
        ControlResource.class,
        ControlUsersResource.class);
  }
}

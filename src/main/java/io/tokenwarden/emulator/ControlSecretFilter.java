package io.tokenwarden.emulator;

import static io.tokenwarden.emulator.EmulatorJsonp.JSON;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Guards {@code /emulator/control}: the caller must send the configured secret in {@code
 * X-Emulator-Secret}. Without a configured secret the control API stays closed and says how to open
 * it, because an emulator reachable from a network must not let anyone mint tokens.
 */
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class ControlSecretFilter implements ContainerRequestFilter {

  static final String HEADER = "X-Emulator-Secret";

  @Inject EmulatorConfiguration configuration;

  @Override
  public void filter(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    String normalised = path.startsWith("/") ? path.substring(1) : path;
    if (!normalised.equals("control") && !normalised.startsWith("control/")) {
      return;
    }
    Optional<String> secret = configuration.controlSecret();
    if (secret.isEmpty()) {
      request.abortWith(
          refuse(
              Response.Status.FORBIDDEN,
              "The emulator control API is closed: set MicroProfile Config key"
                  + " tokenwarden.emulator.control-secret (environment variable"
                  + " TOKENWARDEN_EMULATOR_CONTROL_SECRET) and send it in header "
                  + HEADER
                  + "."));
      return;
    }
    String sent = request.getHeaderString(HEADER);
    if (sent == null
        || !MessageDigest.isEqual(
            sent.getBytes(StandardCharsets.UTF_8), secret.get().getBytes(StandardCharsets.UTF_8))) {
      request.abortWith(
          refuse(Response.Status.UNAUTHORIZED, "Missing or wrong " + HEADER + " header."));
    }
  }

  private static Response refuse(Response.Status status, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(JSON.createObjectBuilder().add("error", message).build().toString())
        .build();
  }
}

package io.tokenwarden.emulator;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Makes every {@code /emulator} path answer 404 unless this server plays FreeAgent, so a production
 * node never exposes a fake provider. Registered only by {@link EmulatorApplication} (no
 * {@code @Provider}), so it never filters another application's requests.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
@ApplicationScoped
public class EmulatorEnabledFilter implements ContainerRequestFilter {

  @Inject EmulatorConfiguration configuration;

  @Override
  public void filter(ContainerRequestContext request) {
    if (!configuration.enabled()) {
      request.abortWith(
          Response.status(Response.Status.NOT_FOUND)
              .type(MediaType.TEXT_PLAIN_TYPE)
              .entity("Not Found")
              .build());
    }
  }
}

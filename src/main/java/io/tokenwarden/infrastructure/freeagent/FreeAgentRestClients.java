package io.tokenwarden.infrastructure.freeagent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * Builds the MicroProfile Rest Clients for FreeAgent. The base URL depends on the configured mode
 * (emulator, sandbox, production, custom), so the clients are built here from {@link
 * FreeAgentSettings} rather than from a fixed {@code @RegisterRestClient} URL.
 */
@ApplicationScoped
public class FreeAgentRestClients {

  @Inject FreeAgentSettings settings;

  @Inject
  @ConfigProperty(name = "tokenwarden.freeagent.connect-timeout-ms", defaultValue = "5000")
  long connectTimeoutMillis;

  @Inject
  @ConfigProperty(name = "tokenwarden.freeagent.read-timeout-ms", defaultValue = "15000")
  long readTimeoutMillis;

  @Produces
  @ApplicationScoped
  FreeAgentTokenApi tokenApi() {
    return build(FreeAgentTokenApi.class);
  }

  @Produces
  @ApplicationScoped
  FreeAgentApi api() {
    return build(FreeAgentApi.class);
  }

  private <T> T build(Class<T> api) {
    return RestClientBuilder.newBuilder()
        .baseUri(settings.apiBase())
        .connectTimeout(connectTimeoutMillis, TimeUnit.MILLISECONDS)
        .readTimeout(readTimeoutMillis, TimeUnit.MILLISECONDS)
        .build(api);
  }
}

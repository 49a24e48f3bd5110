package io.tokenwarden.interfaces.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The REST API's JAX-RS application. It lists its classes explicitly: other applications in this
 * WAR (the emulator) must not be reachable under {@code /api}, and without this list every resource
 * would be.
 */
@ApplicationPath("/api")
public class ApiApplication extends Application {

  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(
        // providers
        ApiKeyAuthenticationFilter.class,
        ProblemExceptionMapper.class,
        WebApplicationExceptionMapper.class,
        UnexpectedExceptionMapper.class,
        FieldProblemMapper.class,
        // resources: add each resource class of this API here
        TenantsResource.class,
        ApiKeysResource.class,
        TenantTokenResource.class,
        WebhooksResource.class,
        TenantWebhookDeliveriesResource.class);
  }
}

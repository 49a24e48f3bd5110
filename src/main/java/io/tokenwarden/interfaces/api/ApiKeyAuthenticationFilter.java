package io.tokenwarden.interfaces.api;

import io.tokenwarden.application.apikeys.ApiKeyService;
import io.tokenwarden.domain.ApiClient;
import io.tokenwarden.domain.ApiKeyKind;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;

/**
 * Checks {@code Authorization: Bearer <api key>} on every API resource and the key's kind against
 * the resource's {@link AdminApi} / {@link TokenApi} marker. Missing or unknown keys get 401, keys
 * of the wrong kind 403; both as problem+json, neither echoing the key.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyAuthenticationFilter implements ContainerRequestFilter {

  @Inject ApiKeyService keys;

  @Inject ApiCaller caller;

  @Context ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request) {
    ApiKeyKind required = requiredKind();
    if (required == null) {
      return;
    }
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    Optional<ApiClient> client =
        header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? keys.authenticate(header.substring(7).strip())
            : Optional.empty();
    if (client.isEmpty()) {
      request.abortWith(
          Problems.response(
              401,
              "API key required",
              "Send a valid, unrevoked API key as 'Authorization: Bearer <key>'."));
      return;
    }
    if (client.get().kind() != required) {
      request.abortWith(
          Problems.response(
              403,
              "Wrong kind of API key",
              "This endpoint needs a "
                  + required
                  + " key; this key is a "
                  + client.get().kind()
                  + " key."));
      return;
    }
    caller.authenticatedAs(client.get());
  }

  private ApiKeyKind requiredKind() {
    if (marked(AdminApi.class)) {
      return ApiKeyKind.ADMIN;
    }
    if (marked(TokenApi.class)) {
      return ApiKeyKind.TOKEN;
    }
    return null;
  }

  private boolean marked(Class<? extends java.lang.annotation.Annotation> marker) {
    return resource.getResourceMethod() != null
        && (resource.getResourceMethod().isAnnotationPresent(marker)
            || resource.getResourceClass().isAnnotationPresent(marker));
  }
}

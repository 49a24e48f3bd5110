package io.tokenwarden.interfaces.api;

import io.tokenwarden.application.StoreUnavailableException;
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
 * of the wrong kind 403, a key that cannot be checked because the database is down 503; all as
 * problem+json, none echoing the key.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyAuthenticationFilter implements ContainerRequestFilter {

  /** RFC 6750's challenge: tells a client which scheme the 401 asks for. */
  static final String CHALLENGE = "Bearer realm=\"token-warden\"";

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
    Optional<ApiClient> client;
    try {
      client =
          header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
              ? keys.authenticate(header.substring(7).strip())
              : Optional.empty();
    } catch (StoreUnavailableException e) {
      // A key this node does not trust yet cannot be checked: come back, not "unauthorised".
      request.abortWith(StoreUnavailableMapper.response(e));
      return;
    }
    if (client.isEmpty()) {
      request.abortWith(
          Problems.builder(
                  ProblemType.UNAUTHORIZED,
                  401,
                  "Send a valid, unrevoked, unexpired API key as 'Authorization: Bearer <key>'.",
                  null)
              .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE)
              .build());
      return;
    }
    if (client.get().kind() != required) {
      request.abortWith(
          Problems.response(
              ProblemType.WRONG_KEY_KIND,
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

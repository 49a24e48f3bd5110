package io.tokenwarden.interfaces.api;

import io.tokenwarden.application.handout.AccessTokenHandOut;
import io.tokenwarden.application.handout.ConnectionNotUsableException;
import io.tokenwarden.application.handout.HandedOutToken;
import io.tokenwarden.application.handout.TokenUnavailableException;
import io.tokenwarden.application.refresh.RefreshResult;
import io.tokenwarden.application.refresh.RefreshService;
import io.tokenwarden.application.tenants.TenantService;
import io.tokenwarden.domain.RefreshTrigger;
import io.tokenwarden.domain.Tenant;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The SaaS's services' view of a tenant: {@code GET access-token} hands out a valid access token,
 * {@code POST refresh} refreshes now. TOKEN keys only, and only for the tenants the key reaches.
 */
@Path("/v1/tenants")
@TokenApi
@RequestScoped
public class TenantTokenResource {

  @Inject TenantService tenants;

  @Inject AccessTokenHandOut handOut;

  @Inject RefreshService refreshes;

  @Inject ApiCaller caller;

  @Inject Clock clock;

  @GET
  @Path("{slug}/access-token")
  @Produces(MediaType.APPLICATION_JSON)
  public Response accessToken(@PathParam("slug") String slug) {
    UUID tenantId = reachableTenant(slug);
    HandedOutToken token;
    try {
      token = handOut.handOut(tenantId);
    } catch (ConnectionNotUsableException e) {
      throw new ProblemException(409, "Connection not usable", e.getMessage());
    } catch (TokenUnavailableException e) {
      throw new ProblemException(
          503,
          "No valid access token right now",
          e.getMessage(),
          Math.max(1, e.retryAfter().toSeconds()));
    }
    Instant now = clock.instant();
    long expiresIn = Math.max(0, Duration.between(now, token.expiresAt()).toSeconds());
    CacheControl noStore = new CacheControl();
    noStore.setNoStore(true);
    return Response.ok(
            Json.createObjectBuilder()
                .add("access_token", token.accessToken())
                .add("expires_at", token.expiresAt().toString())
                .add("expires_in", expiresIn)
                .build()
                .toString())
        .cacheControl(noStore)
        .build();
  }

  @POST
  @Path("{slug}/refresh")
  @Produces(MediaType.APPLICATION_JSON)
  public Response refresh(@PathParam("slug") String slug) {
    UUID tenantId = reachableTenant(slug);
    RefreshResult result = refreshes.refreshNow(tenantId, RefreshTrigger.MANUAL);
    if (!result.status().isScheduled()) {
      throw new ProblemException(
          409,
          "Connection not usable",
          new ConnectionNotUsableException(result.status()).getMessage());
    }
    return Response.ok(
            Json.createObjectBuilder()
                .add("status", result.status().name())
                .add("refreshed", result.refreshed())
                .add("message", result.message())
                .build()
                .toString())
        .build();
  }

  private UUID reachableTenant(String slug) {
    Tenant tenant =
        tenants
            .findBySlug(slug)
            .orElseThrow(
                () ->
                    new ProblemException(
                        404, "Unknown tenant", "No tenant has the slug '" + safe(slug) + "'."));
    caller.requireReach(tenant.id());
    return tenant.id();
  }

  private static String safe(String slug) {
    String clean = slug == null ? "" : slug.replaceAll("[^a-z0-9-]", "");
    return clean.length() > 63 ? clean.substring(0, 63) : clean;
  }
}

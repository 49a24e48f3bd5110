package io.tokenwarden.interfaces.api;

import static io.tokenwarden.infrastructure.json.Jsonp.JSON;

import io.tokenwarden.application.handout.AccessTokenHandOut;
import io.tokenwarden.application.handout.ConnectionNotUsableException;
import io.tokenwarden.application.handout.HandOutAnswer;
import io.tokenwarden.application.handout.HandOutWarning;
import io.tokenwarden.application.handout.HandedOutToken;
import io.tokenwarden.application.handout.TokenUnavailableException;
import io.tokenwarden.application.refresh.RefreshResult;
import io.tokenwarden.application.refresh.RefreshService;
import io.tokenwarden.application.tenants.TenantService;
import io.tokenwarden.domain.RefreshTrigger;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The SaaS's services' view of a tenant: {@code GET access-token} hands out a valid access token,
 * {@code POST refresh} refreshes now. TOKEN keys only, and only for the tenants the key reaches.
 */
@Path("/v1/tenants")
@TokenApi
@RequestScoped
public class TenantTokenResource {

  @Inject AccessTokenHandOut handOut;

  @Inject RefreshService refreshes;

  @Inject TenantService tenants;

  @Inject ApiCaller caller;

  @Inject Clock clock;

  /**
   * Hands out the tenant's access token with the connection's status and warnings; {@code
   * ?min_validity=PT10M} asks for more validity than the configured default (at most {@code
   * tokenwarden.handout.max-min-validity}; capped at a fraction of the token's lifetime, see {@link
   * io.tokenwarden.domain.HandOutValidity}). A token in memory, or stored with that validity, is
   * answered on the request thread; one that needs a refresh running elsewhere (on this node or
   * another) suspends the request, holding no thread, until that refresh is over or {@code
   * tokenwarden.refresh.wait-for-other} has passed. That bound is the future's own ({@code
   * RefreshService.refresh}): an {@code AsyncResponse} timeout would leave a timer per request on
   * the managed scheduler that the JAX-RS runtime does not cancel when the request is resumed.
   */
  @GET
  @Path("{slug}/access-token")
  @Produces(MediaType.APPLICATION_JSON)
  public void accessToken(
      @PathParam("slug") String slug,
      @QueryParam("min_validity") String minValidity,
      @Suspended AsyncResponse response) {
    CompletableFuture<HandOutAnswer> token;
    try {
      Duration requested =
          QueryParams.duration("min_validity", minValidity, handOut.maximumMinValidity());
      token = handOut.handOut(reachableTenant(slug), requested);
    } catch (RuntimeException e) {
      response.resume(problemFor(e));
      return;
    }
    Clock now = clock;
    token.whenComplete(
        (handed, failure) -> {
          if (failure != null) {
            response.resume(problemFor(failure));
          } else {
            response.resume(tokenResponse(handed, now.instant()));
          }
        });
  }

  /**
   * The answer: the access token (never the refresh token), its expiry, the connection's status and
   * the warnings a service should act on while the token still works.
   */
  private static Response tokenResponse(HandOutAnswer answer, Instant now) {
    HandedOutToken token = answer.token();
    long expiresIn = Math.max(0, Duration.between(now, token.expiresAt()).toSeconds());
    JsonArrayBuilder warnings = JSON.createArrayBuilder();
    for (HandOutWarning warning : answer.warnings()) {
      JsonObjectBuilder json =
          JSON.createObjectBuilder().add("code", warning.code()).add("detail", warning.detail());
      if (warning.at() != null) {
        json.add("at", warning.at().toString());
      }
      warnings.add(json);
    }
    CacheControl noStore = new CacheControl();
    noStore.setNoStore(true);
    return Response.ok(
            JSON.createObjectBuilder()
                .add("access_token", token.accessToken())
                .add("token_type", "bearer")
                .add("expires_at", token.expiresAt().toString())
                .add("expires_in", expiresIn)
                .add("status", answer.status().name())
                .add("warnings", warnings)
                .build()
                .toString())
        .cacheControl(noStore)
        .build();
  }

  /** The hand-out's refusals as the API's problems; anything else goes to its own mapper. */
  private static Throwable problemFor(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof ConnectionNotUsableException e) {
      return notUsable(e);
    }
    if (cause instanceof TokenUnavailableException e) {
      return new ProblemException(
          e.providerThrottled() ? ProblemType.PROVIDER_THROTTLED : ProblemType.TOKEN_UNAVAILABLE,
          e.getMessage(),
          Math.max(1, e.retryAfter().toSeconds()),
          null);
    }
    return cause;
  }

  /** A 409 naming the connection's status: not connected, or needs a reconnect. */
  private static ProblemException notUsable(ConnectionNotUsableException e) {
    return new ProblemException(
        Problems.forUnusable(e.status()),
        e.getMessage(),
        null,
        Problems.connectionStatus(e.status()));
  }

  @POST
  @Path("{slug}/refresh")
  @Produces(MediaType.APPLICATION_JSON)
  public Response refresh(@PathParam("slug") String slug) {
    UUID tenantId = reachableTenant(slug);
    tenants.noteRefreshAsked(
        tenantId, "Refresh requested via API (key " + caller.client().name() + ")");
    RefreshResult result = refreshes.refreshNow(tenantId, RefreshTrigger.MANUAL);
    if (!result.status().isScheduled()) {
      throw notUsable(new ConnectionNotUsableException(result.status()));
    }
    return Response.ok(
            JSON.createObjectBuilder()
                .add("status", result.status().name())
                .add("refreshed", result.refreshed())
                .add("message", result.message())
                .build()
                .toString())
        .build();
  }

  /** Through the hand-out's slug cache: a fresh hand-out must not need the database (ADR 0021). */
  private UUID reachableTenant(String slug) {
    UUID tenantId =
        handOut
            .tenantIdFor(slug)
            .orElseThrow(
                () ->
                    new ProblemException(
                        ProblemType.TENANT_NOT_FOUND,
                        "No tenant has the slug '" + safe(slug) + "'."));
    caller.requireReach(tenantId);
    return tenantId;
  }

  private static String safe(String slug) {
    String clean = slug == null ? "" : slug.replaceAll("[^a-z0-9-]", "");
    return clean.length() > 63 ? clean.substring(0, 63) : clean;
  }
}

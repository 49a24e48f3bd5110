package io.tokenwarden.emulator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code GET /emulator/v2/company} and {@code GET /emulator/v2/users/me}. Faults that replace the
 * body of a successful call (missing or mistyped fields, cut-off JSON) still need a valid token;
 * the others (5xx pages, hangs) come from "in front of" the provider and need nothing.
 */
@Path("/v2")
@ApplicationScoped
public class ApiResource {

  private static final Set<FaultKind> BODY_FAULTS =
      EnumSet.of(
          FaultKind.MISSING_FIELD,
          FaultKind.MISTYPED_FIELD,
          FaultKind.NEGATIVE_LIFETIME,
          FaultKind.MALFORMED_JSON);

  private final FaultReplies faultReplies = new FaultReplies();

  @Inject EmulatorState state;

  @GET
  @Path("company")
  public void company(
      @HeaderParam(HttpHeaders.USER_AGENT) String userAgent,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Context UriInfo uri,
      @Suspended AsyncResponse async) {
    serve(ApiEndpoint.Resource.COMPANY, userAgent, authorization, uri, async);
  }

  @GET
  @Path("users/me")
  public void currentUser(
      @HeaderParam(HttpHeaders.USER_AGENT) String userAgent,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Context UriInfo uri,
      @Suspended AsyncResponse async) {
    serve(ApiEndpoint.Resource.CURRENT_USER, userAgent, authorization, uri, async);
  }

  private void serve(
      ApiEndpoint.Resource resource,
      String userAgent,
      String authorization,
      UriInfo uri,
      AsyncResponse async) {
    Sandbox sandbox = state.sandbox();
    EmulatorSettings settings = sandbox.settings();
    String bearer =
        authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
            ? authorization.substring(7).trim()
            : null;
    Long userId = sandbox.userOfAccessToken(bearer);
    FaultDecision fault =
        FaultDecision.evaluate(settings.faults(), FaultScope.API, userId, settings.maxHangMillis());
    if (fault != FaultDecision.NONE) {
      sandbox.count(userId, Counter.FAULTS_INJECTED);
    }
    String apiBase = uri.getBaseUri().toString().replaceAll("/+$", "") + "/v2";
    state.reply(
        async,
        fault.delayMillis(),
        () -> {
          FaultKind kind = fault.responseFault();
          if (kind != null && !BODY_FAULTS.contains(kind)) {
            return faultReplies.commonReply(kind);
          }
          ApiEndpoint.Checked checked = new ApiEndpoint(sandbox).check(userAgent, authorization);
          if (checked.refusal() != null) {
            return checked.refusal();
          }
          JsonObject body = ApiEndpoint.body(resource, checked.user(), apiBase);
          if (kind != null) {
            return faultReplies.forApi(kind, body, resource.rootKey);
          }
          return HttpReply.json(200, body.toString());
        });
  }
}

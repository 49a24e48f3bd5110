package io.tokenwarden.emulator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code GET /emulator/v2/approve_app} (the page) and the form it posts back to. An unknown client
 * or an unregistered redirect URI gets an error page and never a redirect, so the emulator cannot
 * be used as an open redirector; everything else comes back to the redirect URI with {@code code}
 * or {@code error}, and with {@code state} unchanged.
 */
@Path("/v2/approve_app")
@ApplicationScoped
public class ApproveAppResource {

  @Inject EmulatorState state;

  @GET
  public Response approveApp(
      @QueryParam("client_id") String clientId,
      @QueryParam("response_type") String responseType,
      @QueryParam("redirect_uri") String redirectUri,
      @QueryParam("state") String oauthState,
      @Context UriInfo uri) {
    Sandbox sandbox = state.sandbox();
    RegisteredClient client = sandbox.client();
    if (clientId == null || !client.id().equals(clientId)) {
      return errorPage("Unknown application", "No application is registered with this client_id.");
    }
    if (!client.allowsRedirectTo(redirectUri)) {
      return errorPage(
          "Invalid redirect URI",
          "The redirect_uri is not registered for this application: " + redirectUri);
    }
    if (!"code".equals(responseType)) {
      return redirect(redirectUri, "error", "unsupported_response_type", oauthState);
    }
    String approvalId;
    try {
      approvalId = sandbox.openApproval(redirectUri, oauthState);
    } catch (IllegalStateException tooMany) {
      return errorPage("Too many requests", "Too many approval pages are open; try again later.");
    }
    SandboxDirectory directory = sandbox.directory();
    String action = uri.getBaseUri().getPath().replaceAll("/+$", "") + "/v2/approve_app/decision";
    String html =
        ApprovalPage.render(
            approvalId,
            client.id(),
            directory.users(ApprovalPage.LISTED_USERS),
            directory.userCount(),
            action);
    return page(Response.ok(html));
  }

  @POST
  @Path("decision")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response decide(
      @FormParam("request") String approvalId,
      @FormParam("user_id") String userId,
      @FormParam("decision") String decision) {
    Sandbox sandbox = state.sandbox();
    Optional<PendingApproval> approval = sandbox.takeApproval(approvalId);
    if (approval.isEmpty()) {
      return errorPage(
          "Request expired",
          "This approval request has expired or was already answered. Start again from the"
              + " application.");
    }
    PendingApproval pending = approval.get();
    if (!"approve".equals(decision)) {
      return redirect(pending.redirectUri(), "error", "access_denied", pending.state());
    }
    Optional<SandboxUser> user = parseId(userId).flatMap(id -> sandbox.directory().user(id));
    if (user.isEmpty()) {
      return errorPage("Unknown user", "Choose one of the listed sandbox users.");
    }
    String code = sandbox.issueCode(pending, user.get());
    return redirect(pending.redirectUri(), "code", code, pending.state());
  }

  private static Optional<Long> parseId(String value) {
    try {
      return value == null ? Optional.empty() : Optional.of(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** 303 so the browser follows with GET, carrying the OAuth answer in the query. */
  private static Response redirect(String redirectUri, String name, String value, String state) {
    StringBuilder target = new StringBuilder(redirectUri);
    target
        .append(redirectUri.contains("?") ? '&' : '?')
        .append(name)
        .append('=')
        .append(encode(value));
    if (state != null) {
      target.append("&state=").append(encode(state));
    }
    return Response.seeOther(URI.create(target.toString()))
        .header("Cache-Control", "no-store")
        .header("Referrer-Policy", "no-referrer")
        .build();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static Response errorPage(String title, String message) {
    return page(
        Response.status(Response.Status.BAD_REQUEST).entity(Html.errorPage(400, title, message)));
  }

  private static Response page(Response.ResponseBuilder builder) {
    return builder
        .type(HttpReply.HTML)
        .header("Cache-Control", "no-store")
        .header("Referrer-Policy", "no-referrer")
        .header("X-Frame-Options", "DENY")
        .header("X-Content-Type-Options", "nosniff")
        .build();
  }
}

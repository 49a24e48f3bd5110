package io.tokenwarden.interfaces.web.connect;

import io.tokenwarden.application.onboarding.ConnectOutcome;
import io.tokenwarden.application.onboarding.ConnectResult;
import io.tokenwarden.application.onboarding.LinkLanding;
import io.tokenwarden.domain.LinkPurpose;
import io.tokenwarden.interfaces.web.connect.ConnectBranding.Branding;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.owasp.encoder.Encode;

/**
 * The words on the tenant's pages: what happened and what to do next, in plain language, never a
 * token, code or state. Every value from outside (tenant and company names) is escaped here, the
 * only place that builds HTML.
 */
final class ConnectPages {

  private static final DateTimeFormatter DAY_AND_TIME =
      DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private ConnectPages() {}

  /** The landing page: names the tenant and has one Connect button (a POST to the same URL). */
  static Page landing(LinkLanding landing) {
    if (!landing.usable()) {
      return refusal(landing.refusal(), landing.tenantName());
    }
    String tenant = escape(landing.tenantName());
    boolean reconnect = landing.purpose() == LinkPurpose.RECONNECT;
    String title = (reconnect ? "Reconnect " : "Connect ") + tenant + " to FreeAgent";
    String intro =
        reconnect
            ? "<p>The connection between <strong id=\"tenant\">"
                + tenant
                + "</strong> and FreeAgent needs to be renewed.</p>"
            : "<p>This link connects <strong id=\"tenant\">"
                + tenant
                + "</strong> to your FreeAgent account.</p>";
    String body =
        intro
            + "<p>Press the button below. FreeAgent will ask you to sign in and to approve"
            + " access; then you come back here.</p>"
            + "<form method=\"post\">"
            + "<button type=\"submit\" id=\"connect\">"
            + (reconnect ? "Reconnect FreeAgent" : "Connect FreeAgent")
            + "</button></form>"
            + "<p class=\"note\" id=\"expiry\">This link works until "
            + expiry(landing.expiresAt(), landing.now())
            + ", or until the connection succeeds. Anyone who has it can use it, so please do not"
            + " forward it.</p>";
    return new Page(200, title, body);
  }

  /** The callback's result page. */
  static Page result(ConnectResult result) {
    if (result.outcome() == ConnectOutcome.CONNECTED) {
      String company = escape(result.companyName() == null ? "your company" : result.companyName());
      String tenant = escape(result.tenantName());
      return new Page(
          200,
          "FreeAgent is connected",
          "<p class=\"success\">All done: <strong id=\"tenant\">"
              + tenant
              + "</strong> is now connected to the FreeAgent company <strong id=\"company\">"
              + company
              + "</strong>.</p><p>You can close this page. This link has now been used and will"
              + " not work again.</p>");
    }
    return refusal(result.outcome(), result.tenantName());
  }

  /** The page for every way it can go wrong; each says what to do next. */
  static Page refusal(ConnectOutcome outcome, String tenantName) {
    String again = "Open the link you were sent again and press Connect.";
    return switch (outcome) {
      case LINK_UNKNOWN ->
          new Page(
              404,
              "This link does not work",
              "<p>We do not recognise this link. Check that you copied the whole link, or ask"
                  + " the person who sent it for a new one.</p>");
      case LINK_EXPIRED ->
          new Page(
              410,
              "This link has expired",
              "<p>This link"
                  + forTenant(tenantName)
                  + " has expired. Ask the person who sent it"
                  + " for a new one.</p>");
      case LINK_REVOKED ->
          new Page(
              410,
              "This link has been withdrawn",
              "<p>This link"
                  + forTenant(tenantName)
                  + " has been withdrawn, probably because a newer one was sent. Use the newest"
                  + " link you received, or ask for a new one.</p>");
      case LINK_USED ->
          new Page(
              410,
              "This link has already been used",
              "<p>This link"
                  + forTenant(tenantName)
                  + " has already been used to connect FreeAgent, so there is nothing more to do."
                  + " If you need to connect again, ask for a new link.</p>");
      case DECLINED ->
          new Page(
                  200,
                  "You did not allow access",
                  "<p>You declined access at FreeAgent, so nothing was connected and nothing was"
                      + " changed.</p><p>If that was a mistake, press Try again: your link still"
                      + " works.</p>")
              .withRetry();
      case CODE_REJECTED, ATTEMPT_EXPIRED ->
          new Page(
                  400,
                  "Please start again",
                  "<p>Connecting took longer than the 15 minutes FreeAgent allows, or the sign-in"
                      + " was already finished in another window. Nothing was changed.</p><p>Your"
                      + " link still works: press Try again.</p>")
              .withRetry();
      case ATTEMPT_INVALID ->
          new Page(
              400,
              "This sign-in attempt is not valid",
              "<p>This sign-in attempt is not valid in this browser, or it has already been"
                  + " completed. Nothing was changed.</p><p>"
                  + again
                  + "</p>");
      case PROVIDER_UNAVAILABLE ->
          new Page(
                  503,
                  "FreeAgent is not answering",
                  "<p>FreeAgent is not answering properly right now, so nothing was connected and"
                      + " nothing was changed.</p><p>Please try again in a few minutes: your link"
                      + " still works.</p>")
              .withRetry();
      case PROVIDER_ERROR ->
          new Page(
                  502,
                  "FreeAgent did not grant access",
                  "<p>FreeAgent sent you back without granting access, so nothing was changed.</p>"
                      + "<p>Your link still works: press Try again.</p>")
              .withRetry();
      case SERVICE_MISCONFIGURED ->
          new Page(
              503,
              "Connecting is not possible right now",
              "<p>Connecting to FreeAgent is not possible right now because of a problem on our"
                  + " side. Nothing was changed, and our team has been alerted.</p><p>Please try"
                  + " again later: your link still works.</p>");
      case NOTHING_TO_RETRY ->
          new Page(
              400,
              "Please open your link again",
              "<p>We could not tell which link you were using, perhaps because some time has"
                  + " passed. Nothing was changed.</p><p>"
                  + again
                  + "</p>");
      case CONNECTED -> throw new IllegalArgumentException("CONNECTED is not a refusal");
    };
  }

  /** A request this front end cannot serve (wrong path or method). */
  static Page notFound() {
    return new Page(
        404,
        "Page not found",
        "<p>There is no page here. Check that you copied the whole link you were sent.</p>");
  }

  /** The Connect button was pressed from another site's page. */
  static Page crossSiteRefused() {
    return new Page(
        403,
        "Please use your link",
        "<p>This request did not come from your link's page. Open the link you were sent and"
            + " press Connect there.</p>");
  }

  /** Something failed on our side (database down, a bug). */
  static Page internalError() {
    return new Page(
        500,
        "Something went wrong",
        "<p>Something went wrong on our side; nothing was connected. Please try again in a few"
            + " minutes.</p>",
        true);
  }

  /**
   * The complete HTML document for a page: the SaaS's name in the title (never Token Warden's, the
   * tenant came from the SaaS), the Try again form when the page offers one, and the optional
   * support contact and return link.
   */
  static String document(Page page, String contextPath, Branding branding) {
    String title = page.title();
    String app = branding.appName() == null ? null : escape(branding.appName());
    StringBuilder html =
        new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .append("<meta name=\"referrer\" content=\"no-referrer\">")
            .append("<title>")
            .append(title)
            .append(app == null ? "" : " - " + app)
            .append("</title><link rel=\"stylesheet\" href=\"")
            .append(escape(contextPath))
            .append("/assets/connect.css\"></head><body><main class=\"connect status-")
            .append(page.status())
            .append("\">")
            .append(app == null ? "" : "<p class=\"app\" id=\"appName\">" + app + "</p>")
            .append("<h1>")
            .append(title)
            .append("</h1>")
            .append(page.bodyHtml());
    if (page.offersRetry()) {
      html.append("<form method=\"post\" action=\"")
          .append(escape(contextPath))
          .append("/connect/again\"><button type=\"submit\" id=\"tryAgain\">Try again</button>")
          .append("</form>");
    }
    if (branding.supportContact() != null) {
      html.append("<p class=\"note\" id=\"support\">Questions? Contact ")
          .append(escape(branding.supportContact()))
          .append(".</p>");
    }
    if (branding.returnUrl() != null) {
      html.append("<p><a id=\"returnLink\" href=\"")
          .append(escape(branding.returnUrl()))
          .append("\">Return to ")
          .append(app == null ? "the app" : app)
          .append("</a></p>");
    }
    return html.append("</main></body></html>").toString();
  }

  /** "13 Dec 2026, 10:00 UTC (in 7 days)". */
  static String expiry(Instant expiresAt, Instant now) {
    if (expiresAt == null) {
      return "it expires";
    }
    long minutes = Math.max(1, Duration.between(now, expiresAt).toMinutes());
    String relative;
    if (minutes >= 36 * 60) {
      relative = "in " + Math.round(minutes / 1440.0) + " days";
    } else if (minutes >= 90) {
      relative = "in " + Math.round(minutes / 60.0) + " hours";
    } else {
      relative = "in " + minutes + " minutes";
    }
    return DAY_AND_TIME.format(expiresAt) + " (" + relative + ")";
  }

  private static String forTenant(String tenantName) {
    return tenantName == null
        ? ""
        : " for <strong id=\"tenant\">" + escape(tenantName) + "</strong>";
  }

  /** Text from outside (names, URLs) as HTML text or a double-quoted attribute value. */
  static String escape(String text) {
    return text == null ? "" : Encode.forHtml(text);
  }
}

package io.tokenwarden.interfaces.web.admin;

import io.tokenwarden.domain.RefreshTrigger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Audit triggers, outcomes and onboarding steps as an operator reads them ("Tenant pressed Deny",
 * not {@code access_denied}). The stored codes stay the API's and the log's; only the console
 * translates. An unknown code is shown readable ("http 503") rather than hidden.
 */
@Named("auditWords")
@ApplicationScoped
public class AuditWords {

  private static final Pattern INSTANT =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?Z");

  public String trigger(RefreshTrigger trigger) {
    if (trigger == null) {
      return "—";
    }
    return switch (trigger) {
      case SCHEDULED -> "Scheduled refresh";
      case ON_DEMAND -> "Refresh for a hand-out";
      case MANUAL -> "Operator";
      case CONNECT -> "Connect";
      case ONBOARDING -> "Onboarding page";
    };
  }

  /** An audit outcome or onboarding step code in words. */
  public String outcome(String code) {
    if (code == null || code.isBlank()) {
      return "—";
    }
    return switch (code) {
      case "SUCCESS" -> "Succeeded";
      case "DISCONNECTED" -> "Disconnected";
      case "RENAMED" -> "Renamed";
      case "REFRESH_ASKED" -> "Refresh asked";
      case "LINK_ISSUED" -> "Link issued";
      case "LINK_REVOKED" -> "Link revoked";
      case "link_opened" -> "Link opened";
      case "connect_pressed" -> "Connect pressed";
      case "access_denied" -> "Tenant pressed Deny";
      case "provider_error" -> "FreeAgent sent an error";
      case "no_code" -> "FreeAgent sent no code";
      case "expired" -> "Took too long";
      case "link_expired" -> "Link expired";
      case "link_revoked" -> "Link revoked";
      case "link_used" -> "Link already used";
      case "connected" -> "Connected";
      case "exchanging" -> "Exchanging the code";
      case "invalid_grant" -> "Grant refused";
      case "answer_lost" -> "FreeAgent's answer lost";
      case "rate_limited" -> "Rate limited";
      case "unreachable" -> "FreeAgent unreachable";
      case "no_answer" -> "No answer";
      case "timeout" -> "Timed out";
      case "malformed_response" -> "Malformed answer";
      case "circuit_open" -> "Not sent (circuit open)";
      case "bulkhead_full" -> "Not sent (too busy)";
      case "client_credentials_rejected" -> "Our client credentials refused";
      case "refresh_token_expired" -> "Refresh token expired";
      case "no_refresh_token" -> "No refresh token returned";
      case "no_access_token" -> "No access token returned";
      case "unexpected" -> "Unexpected error";
      default -> readable(code);
    };
  }

  /** Whether an outcome or step is a failure, for its colour (the word says it too). */
  public boolean isFailure(String code) {
    return code != null
        && !code.equals("SUCCESS")
        && !code.equals("RENAMED")
        && !code.equals("REFRESH_ASKED")
        && !code.equals("LINK_ISSUED")
        && !code.equals("link_opened")
        && !code.equals("connect_pressed")
        && !code.equals("connected")
        && !code.equals("exchanging");
  }

  /**
   * An audit detail with its machine-written instants made readable ("next refresh at 6 Dec 2026,
   * 05:50 UTC" rather than "2026-12-06T05:50:35.626351752Z"); the stored text is unchanged.
   */
  public String detail(String text) {
    if (text == null) {
      return "";
    }
    Matcher m = INSTANT.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String readable;
      try {
        readable = RelativeTime.dayAndTime(Instant.parse(m.group()));
      } catch (DateTimeParseException e) {
        readable = m.group();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(readable));
    }
    return m.appendTail(out).toString();
  }

  private static String readable(String code) {
    String words = code.replace('_', ' ').strip().toLowerCase(Locale.ROOT);
    return words.isEmpty() ? "—" : Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}

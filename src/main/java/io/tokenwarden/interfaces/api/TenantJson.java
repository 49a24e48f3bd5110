package io.tokenwarden.interfaces.api;

import static io.tokenwarden.infrastructure.json.Jsonp.JSON;

import io.tokenwarden.application.admin.TenantRow;
import io.tokenwarden.application.onboarding.IssuedLink;
import io.tokenwarden.application.onboarding.OnboardingLinkSummary;
import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.FreeAgentConnection;
import io.tokenwarden.domain.RefreshEvent;
import io.tokenwarden.domain.Tenant;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;

/**
 * The admin API's JSON for tenants, connections and links (JSON-P). A connection is shown with its
 * status, expiries and company, never its token ciphertexts; a link with its state, and its URL
 * only in the answer that issued it.
 */
final class TenantJson {

  private TenantJson() {}

  static JsonObjectBuilder tenant(Tenant tenant, ConnectionStatus status) {
    JsonObjectBuilder json =
        JSON.createObjectBuilder()
            .add("id", tenant.id().toString())
            .add("slug", tenant.slug().value())
            .add("displayName", tenant.displayName())
            .add("createdAt", tenant.createdAt().toString());
    return status == null ? json : json.add("status", status.name());
  }

  /** A tenants-list row: the tenant and its connection's state as the console's table has it. */
  static JsonObjectBuilder row(TenantRow row) {
    JsonObjectBuilder json =
        JSON.createObjectBuilder()
            .add("id", row.getTenantId().toString())
            .add("slug", row.getSlug())
            .add("displayName", row.getDisplayName())
            .add("status", row.getStatus().name());
    text(json, "companyName", row.getCompanyName());
    time(json, "accessExpiresAt", row.getAccessExpiresAt());
    time(json, "refreshExpiresAt", row.getRefreshExpiresAt());
    time(json, "nextRefreshAt", row.getNextRefreshAt());
    time(json, "lastSuccessAt", row.getLastSuccessAt());
    json.add("consecutiveFailures", row.getConsecutiveFailures());
    time(json, "throttledUntil", row.getThrottledUntil());
    return json;
  }

  /** One audit-trail line; its detail is a human sentence that never holds a token. */
  static JsonObject event(RefreshEvent event) {
    JsonObjectBuilder json =
        JSON.createObjectBuilder()
            .add("id", event.id().toString())
            .add("occurredAt", event.occurredAt().toString())
            .add("trigger", event.trigger().name())
            .add("outcome", event.outcome())
            .add("statusAfter", event.statusAfter().name())
            .add("node", event.node());
    if (event.httpStatus() != null) {
      json.add("httpStatus", event.httpStatus());
    }
    if (event.durationMillis() != null) {
      json.add("durationMs", event.durationMillis());
    }
    text(json, "detail", event.detail());
    return json.build();
  }

  static JsonObject connection(FreeAgentConnection c) {
    JsonObjectBuilder json = JSON.createObjectBuilder().add("status", c.status().name());
    time(json, "accessExpiresAt", c.accessExpiresAt());
    time(json, "refreshExpiresAt", c.refreshExpiresAt());
    time(json, "nextRefreshAt", c.nextRefreshAt());
    time(json, "lastSuccessAt", c.lastSuccessAt());
    time(json, "lastAttemptAt", c.lastAttemptAt());
    json.add("consecutiveFailures", c.consecutiveFailures());
    if (c.lastErrorCode() != null) {
      JsonObjectBuilder error = JSON.createObjectBuilder().add("code", c.lastErrorCode());
      text(error, "message", c.lastErrorMessage());
      json.add("lastError", error);
    }
    time(json, "throttledUntil", c.throttledUntil());
    if (c.companyId() != null) {
      JsonObjectBuilder company = JSON.createObjectBuilder().add("id", c.companyId());
      text(company, "name", c.companyName());
      text(company, "subdomain", c.companySubdomain());
      json.add("company", company);
    }
    if (c.userEmail() != null || c.userPermissionLevel() != null) {
      JsonObjectBuilder user = JSON.createObjectBuilder();
      text(user, "email", c.userEmail());
      if (c.userPermissionLevel() != null) {
        user.add("permissionLevel", c.userPermissionLevel());
      }
      json.add("user", user);
    }
    if (c.previousCompanyId() != null) {
      json.add("previousCompanyId", c.previousCompanyId());
      time(json, "companyChangedAt", c.companyChangedAt());
    }
    return json.add("tokenVersion", c.tokenVersion()).build();
  }

  static JsonObject issuedLink(IssuedLink link) {
    return JSON.createObjectBuilder()
        .add("id", link.linkId().toString())
        .add("url", link.url())
        .add("expiresAt", link.expiresAt().toString())
        .add("purpose", link.purpose().name())
        .build();
  }

  static JsonObject link(OnboardingLinkSummary link) {
    JsonObjectBuilder json =
        JSON.createObjectBuilder()
            .add("id", link.id().toString())
            .add("purpose", link.purpose().name())
            .add("state", link.state())
            .add("createdAt", link.createdAt().toString())
            .add("expiresAt", link.expiresAt().toString());
    time(json, "consumedAt", link.consumedAt());
    time(json, "revokedAt", link.revokedAt());
    return json.build();
  }

  private static void time(JsonObjectBuilder json, String name, Instant value) {
    if (value != null) {
      json.add(name, value.toString());
    }
  }

  private static void text(JsonObjectBuilder json, String name, String value) {
    if (value != null) {
      json.add(name, value);
    }
  }
}

package io.tokenwarden.application.onboarding;

import io.tokenwarden.application.audit.AuditTrail;
import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.RefreshTrigger;
import io.tokenwarden.domain.Tenant;
import io.tokenwarden.infrastructure.persistence.FreeAgentConnections;
import io.tokenwarden.infrastructure.persistence.Tenants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Leaves the operator a trace of what a tenant did on the onboarding pages: the step becomes the
 * tenant's "last attempt" (the tenants table) and, unless it merely repeats the previous step, a
 * line of the audit trail. Without it a tenant who pressed Deny looked exactly like one who never
 * opened the link. Steps are fixed codes and the details fixed sentences: nothing a browser sent
 * (code, state, link token, OAuth error text) is stored.
 */
@ApplicationScoped
public class OnboardingJournal {

  /** A step repeated within this is a reload or a link preview, not news for the audit trail. */
  static final Duration REPEAT_WINDOW = Duration.ofMinutes(10);

  /** The tenant's step when its connection was stored (audited by the code exchange's own row). */
  public static final String CONNECTED = "connected";

  @Inject Tenants tenants;

  @Inject FreeAgentConnections connections;

  @Inject AuditTrail audit;

  /**
   * Notes {@code step} on the tenant and audits it with {@code detail}; runs in the caller's unit
   * of work (root or the tenant's scope). A tenant deleted meanwhile is skipped.
   */
  public void record(UUID tenantId, String step, String detail, Instant now) {
    Tenant tenant = tenants.byId(tenantId).orElse(null);
    if (tenant == null || !tenant.noteOnboardingStep(step, now, REPEAT_WINDOW)) {
      return;
    }
    ConnectionStatus status =
        connections.statusesOf(List.of(tenantId)).getOrDefault(tenantId, ConnectionStatus.PENDING);
    audit.record(tenantId, RefreshTrigger.ONBOARDING, step, null, null, status, detail);
  }

  /**
   * Notes {@code step} on the tenant only, for steps the caller audits itself (the code exchange's
   * CONNECT row).
   */
  public void noteOnly(UUID tenantId, String step, Instant now) {
    tenants.byId(tenantId).ifPresent(t -> t.noteOnboardingStep(step, now, Duration.ZERO));
  }

  /** The sentence the audit trail gives a callback the attempt refused, by its outcome code. */
  static String refusalDetail(String attemptOutcome) {
    return switch (attemptOutcome) {
      case "access_denied" -> "The tenant pressed Deny at FreeAgent; nothing was stored";
      case "provider_error" ->
          "FreeAgent sent the tenant back with an error instead of access; nothing was stored";
      case "no_code" -> "FreeAgent sent the tenant back without a code; nothing was stored";
      case "expired" ->
          "The tenant came back from FreeAgent after the attempt expired; nothing was stored";
      case "link_expired" -> "The tenant came back from FreeAgent after the link expired";
      case "link_revoked" -> "The tenant came back from FreeAgent after the link was revoked";
      case "link_used" -> "The tenant came back from FreeAgent after the link was already used";
      default -> "The tenant's sign-in at FreeAgent ended without access; nothing was stored";
    };
  }
}

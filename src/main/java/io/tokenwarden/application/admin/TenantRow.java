package io.tokenwarden.application.admin;

import io.tokenwarden.domain.ConnectionStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * One line of the console's tenants table: a tenant and the state of its FreeAgent connection, read
 * in one query. A JavaBean (not a record) so that PrimeFaces can name its columns by property for
 * sorting; it carries no token or ciphertext.
 */
public final class TenantRow {

  private final UUID tenantId;
  private final String slug;
  private final String displayName;
  private final String companyName;
  private final ConnectionStatus status;
  private final Instant accessExpiresAt;
  private final Instant refreshExpiresAt;
  private final Instant lastSuccessAt;
  private final Instant nextRefreshAt;
  private final int consecutiveFailures;
  private final String lastErrorMessage;
  private final Instant throttledUntil;
  private final String lastOnboardingStep;
  private final Instant lastOnboardingAt;

  public TenantRow(
      UUID tenantId,
      String slug,
      String displayName,
      String companyName,
      ConnectionStatus status,
      Instant accessExpiresAt,
      Instant refreshExpiresAt,
      Instant lastSuccessAt,
      Instant nextRefreshAt,
      int consecutiveFailures,
      String lastErrorMessage,
      Instant throttledUntil,
      String lastOnboardingStep,
      Instant lastOnboardingAt) {
    this.tenantId = tenantId;
    this.slug = slug;
    this.displayName = displayName;
    this.companyName = companyName;
    this.status = status;
    this.accessExpiresAt = accessExpiresAt;
    this.refreshExpiresAt = refreshExpiresAt;
    this.lastSuccessAt = lastSuccessAt;
    this.nextRefreshAt = nextRefreshAt;
    this.consecutiveFailures = consecutiveFailures;
    this.lastErrorMessage = lastErrorMessage;
    this.throttledUntil = throttledUntil;
    this.lastOnboardingStep = lastOnboardingStep;
    this.lastOnboardingAt = lastOnboardingAt;
  }

  public UUID getTenantId() {
    return tenantId;
  }

  public String getSlug() {
    return slug;
  }

  public String getDisplayName() {
    return displayName;
  }

  public String getCompanyName() {
    return companyName;
  }

  public ConnectionStatus getStatus() {
    return status;
  }

  public Instant getAccessExpiresAt() {
    return accessExpiresAt;
  }

  public Instant getRefreshExpiresAt() {
    return refreshExpiresAt;
  }

  public Instant getLastSuccessAt() {
    return lastSuccessAt;
  }

  public Instant getNextRefreshAt() {
    return nextRefreshAt;
  }

  public int getConsecutiveFailures() {
    return consecutiveFailures;
  }

  public String getLastErrorMessage() {
    return lastErrorMessage;
  }

  public Instant getThrottledUntil() {
    return throttledUntil;
  }

  /** The tenant's last step on the onboarding pages (a code such as access_denied), or null. */
  public String getLastOnboardingStep() {
    return lastOnboardingStep;
  }

  public Instant getLastOnboardingAt() {
    return lastOnboardingAt;
  }
}

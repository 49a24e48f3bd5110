package io.tokenwarden.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A business whose FreeAgent account Token Warden looks after. The tenant's id is the tenant
 * identifier that every tenant-owned row carries, so a tenant is created and read in the root
 * (cross-tenant) context.
 */
@Entity
@Table(name = "tenant")
public class Tenant {

  @Id private UUID id;

  @Column(nullable = false, unique = true, length = TenantSlug.MAX_LENGTH)
  private String slug;

  @Column(name = "display_name", nullable = false, length = 200)
  private String displayName;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  /** The tenant's last step on the onboarding pages (e.g. link_opened, access_denied), or null. */
  @Column(name = "last_onboarding_step", length = 32)
  private String lastOnboardingStep;

  @Column(name = "last_onboarding_at")
  private Instant lastOnboardingAt;

  protected Tenant() {}

  public Tenant(TenantSlug slug, String displayName, Instant createdAt) {
    this.id = UUID.randomUUID();
    this.slug = Objects.requireNonNull(slug, "slug").value();
    this.displayName = validDisplayName(displayName);
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
  }

  /** Renames the tenant as the operator sees it; the slug (and so every link) stays. */
  public void rename(String newDisplayName) {
    this.displayName = validDisplayName(newDisplayName);
  }

  /**
   * Remembers the tenant's newest step on the onboarding pages, so the operator sees a tenant who
   * tried and failed instead of one who seems never to have started.
   *
   * @param step a short code (link_opened, connect_pressed, access_denied, http_503, connected)
   * @return false when the same step was already noted within {@code repeatWindow}: a reload or a
   *     chat app's link preview, which the audit trail need not repeat
   */
  public boolean noteOnboardingStep(String step, Instant at, Duration repeatWindow) {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(at, "at");
    String code = step.length() <= 32 ? step : step.substring(0, 32);
    boolean repeat =
        code.equals(lastOnboardingStep)
            && lastOnboardingAt != null
            && !at.isAfter(lastOnboardingAt.plus(repeatWindow));
    lastOnboardingStep = code;
    lastOnboardingAt = at;
    return !repeat;
  }

  private static String validDisplayName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("Display name must not be empty.");
    }
    String trimmed = name.strip();
    if (trimmed.length() > 200) {
      throw new IllegalArgumentException("Display name must be at most 200 characters.");
    }
    return trimmed;
  }

  public UUID id() {
    return id;
  }

  public TenantSlug slug() {
    return TenantSlug.of(slug);
  }

  public String displayName() {
    return displayName;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public String lastOnboardingStep() {
    return lastOnboardingStep;
  }

  public Instant lastOnboardingAt() {
    return lastOnboardingAt;
  }
}

package io.tokenwarden.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * The link a tenant opens to connect FreeAgent. Only the hash of its random token is stored, so the
 * database never holds a usable link. A link is usable until it expires, is revoked, or carries a
 * connection through to success (single use); a declined or failed attempt leaves it usable.
 */
@Entity
@Table(name = "onboarding_link")
public class OnboardingLink {

  @Id private UUID id;

  @TenantId
  @Column(name = "tenant_id", nullable = false, updatable = false)
  private UUID tenantId;

  @Column(name = "token_hash", nullable = false, length = 64, unique = true)
  private String tokenHash;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private LinkPurpose purpose;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  @Column(name = "consumed_at")
  private Instant consumedAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  protected OnboardingLink() {}

  /**
   * A new link for {@code tenantId}, valid for {@code lifetime} from {@code now}.
   *
   * @param tokenHash the stored form of the link's secret token (64 hex characters)
   */
  public OnboardingLink(
      UUID tenantId, String tokenHash, LinkPurpose purpose, Instant now, Duration lifetime) {
    Objects.requireNonNull(lifetime, "lifetime");
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("An onboarding link must live for a positive duration.");
    }
    if (tokenHash == null || tokenHash.length() != 64) {
      throw new IllegalArgumentException("tokenHash must be a 64-character SHA-256 hex digest");
    }
    this.id = UUID.randomUUID();
    this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
    this.tokenHash = tokenHash;
    this.purpose = Objects.requireNonNull(purpose, "purpose");
    this.createdAt = Objects.requireNonNull(now, "now");
    this.expiresAt = now.plus(lifetime);
  }

  /** The link's state at {@code now}. */
  public LinkState stateAt(Instant now) {
    if (consumedAt != null) {
      return LinkState.USED;
    }
    if (revokedAt != null) {
      return LinkState.REVOKED;
    }
    return now.isBefore(expiresAt) ? LinkState.USABLE : LinkState.EXPIRED;
  }

  public boolean isUsable(Instant now) {
    return stateAt(now) == LinkState.USABLE;
  }

  /**
   * A connection made through this link succeeded: the link is spent.
   *
   * @throws IllegalStateException when the link is not usable at {@code now}
   */
  public void consume(Instant now) {
    LinkState state = stateAt(now);
    if (state != LinkState.USABLE) {
      throw new IllegalStateException(
          "An onboarding link that is " + state.label() + " cannot be used.");
    }
    consumedAt = now;
  }

  /**
   * The operator withdrew the link (or replaced it with a new one).
   *
   * @return true when this call revoked it; false when it was already used or revoked (an expired
   *     link is still marked revoked, so the console shows why it went)
   */
  public boolean revoke(Instant now) {
    if (consumedAt != null || revokedAt != null) {
      return false;
    }
    revokedAt = Objects.requireNonNull(now, "now");
    return true;
  }

  public UUID id() {
    return id;
  }

  public UUID tenantId() {
    return tenantId;
  }

  public String tokenHash() {
    return tokenHash;
  }

  public LinkPurpose purpose() {
    return purpose;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  public Instant consumedAt() {
    return consumedAt;
  }

  public Instant revokedAt() {
    return revokedAt;
  }

  @Override
  public String toString() {
    return "OnboardingLink[" + id + ", tenant " + tenantId + ", " + purpose + "]";
  }
}

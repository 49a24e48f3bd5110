package io.tokenwarden.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One of the SaaS's services or automation scripts, known by the hash of its API key. A TOKEN key
 * may be scoped to one tenant; ADMIN keys and unscoped TOKEN keys reach every tenant. This is a
 * cross-tenant row (no {@code @TenantId}): keys are managed in the root context.
 */
@Entity
@Table(name = "api_client")
public class ApiClient {

  @Id private UUID id;

  @Column(nullable = false, length = 100)
  private String name;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private ApiKeyKind kind;

  @Column(name = "key_hash", nullable = false, length = 64, unique = true)
  private String keyHash;

  /** The first characters of the key, shown so an operator can tell keys apart. */
  @Column(name = "key_prefix", nullable = false, length = 16)
  private String keyPrefix;

  @Column(name = "scope_tenant_id")
  private UUID scopeTenantId;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "last_used_at")
  private Instant lastUsedAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  /** After this instant the key authenticates no more; null: until revoked. */
  @Column(name = "expires_at")
  private Instant expiresAt;

  protected ApiClient() {}

  public ApiClient(
      String name,
      ApiKeyKind kind,
      String keyHash,
      String keyPrefix,
      UUID scopeTenantId,
      Instant createdAt) {
    if (name == null || name.isBlank() || name.strip().length() > 100) {
      throw new IllegalArgumentException("API key name must be 1 to 100 characters.");
    }
    if (kind == ApiKeyKind.ADMIN && scopeTenantId != null) {
      throw new IllegalArgumentException("Admin keys cannot be limited to one tenant.");
    }
    this.id = UUID.randomUUID();
    this.name = name.strip();
    this.kind = Objects.requireNonNull(kind, "kind");
    this.keyHash = Objects.requireNonNull(keyHash, "keyHash");
    this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
    this.scopeTenantId = scopeTenantId;
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
  }

  /**
   * As the other constructor, with an expiry.
   *
   * @param expiresAt null for a key that lives until revoked; else it must be after {@code
   *     createdAt}
   */
  public ApiClient(
      String name,
      ApiKeyKind kind,
      String keyHash,
      String keyPrefix,
      UUID scopeTenantId,
      Instant createdAt,
      Instant expiresAt) {
    this(name, kind, keyHash, keyPrefix, scopeTenantId, createdAt);
    if (expiresAt != null && !expiresAt.isAfter(createdAt)) {
      throw new IllegalArgumentException("An API key's expiry must be in the future.");
    }
    this.expiresAt = expiresAt;
  }

  /** Whether the key authenticates at {@code now}: neither revoked nor expired. */
  public boolean isLiveAt(Instant now) {
    return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
  }

  /** Whether this key may act for {@code tenantId}. */
  public boolean reaches(UUID tenantId) {
    return scopeTenantId == null || scopeTenantId.equals(tenantId);
  }

  public boolean isRevoked() {
    return revokedAt != null;
  }

  public void revoke(Instant now) {
    if (revokedAt == null) {
      revokedAt = now;
    }
  }

  public void usedAt(Instant now) {
    lastUsedAt = now;
  }

  public UUID id() {
    return id;
  }

  public String name() {
    return name;
  }

  public ApiKeyKind kind() {
    return kind;
  }

  public String keyHash() {
    return keyHash;
  }

  public String keyPrefix() {
    return keyPrefix;
  }

  public UUID scopeTenantId() {
    return scopeTenantId;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant lastUsedAt() {
    return lastUsedAt;
  }

  public Instant revokedAt() {
    return revokedAt;
  }

  public Instant expiresAt() {
    return expiresAt;
  }
}

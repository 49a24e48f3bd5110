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
 * One line of a tenant's audit trail: a token-endpoint call (with its HTTP status and duration) or
 * a status change a person caused. {@code detail} is a human message and never holds a token.
 */
@Entity
@Table(name = "refresh_event")
public class RefreshEvent {

  @Id private UUID id;

  @TenantId
  @Column(name = "tenant_id", nullable = false, updatable = false)
  private UUID tenantId;

  @Column(name = "occurred_at", nullable = false)
  private Instant occurredAt;

  @Enumerated(EnumType.STRING)
  @Column(name = "trigger_kind", nullable = false, length = 16)
  private RefreshTrigger trigger;

  /** SUCCESS, or the error code of the failure (e.g. invalid_grant, http_503, rate_limited). */
  @Column(nullable = false, length = 32)
  private String outcome;

  @Column(name = "http_status")
  private Integer httpStatus;

  @Column(name = "duration_ms")
  private Long durationMillis;

  @Column(nullable = false, length = 128)
  private String node;

  @Enumerated(EnumType.STRING)
  @Column(name = "status_after", nullable = false, length = 32)
  private ConnectionStatus statusAfter;

  @Column(length = 500)
  private String detail;

  protected RefreshEvent() {}

  public RefreshEvent(
      UUID tenantId,
      Instant occurredAt,
      RefreshTrigger trigger,
      String outcome,
      Integer httpStatus,
      Duration duration,
      String node,
      ConnectionStatus statusAfter,
      String detail) {
    this.id = UUID.randomUUID();
    this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
    this.occurredAt = Objects.requireNonNull(occurredAt, "occurredAt");
    this.trigger = Objects.requireNonNull(trigger, "trigger");
    this.outcome = truncate(Objects.requireNonNull(outcome, "outcome"), 32);
    this.httpStatus = httpStatus;
    this.durationMillis = duration == null ? null : duration.toMillis();
    this.node = truncate(Objects.requireNonNull(node, "node"), 128);
    this.statusAfter = Objects.requireNonNull(statusAfter, "statusAfter");
    this.detail = detail == null ? null : truncate(detail, 500);
  }

  private static String truncate(String value, int max) {
    return value.length() <= max ? value : value.substring(0, max);
  }

  public UUID id() {
    return id;
  }

  public UUID tenantId() {
    return tenantId;
  }

  public Instant occurredAt() {
    return occurredAt;
  }

  public RefreshTrigger trigger() {
    return trigger;
  }

  public String outcome() {
    return outcome;
  }

  public Integer httpStatus() {
    return httpStatus;
  }

  public Long durationMillis() {
    return durationMillis;
  }

  public String node() {
    return node;
  }

  public ConnectionStatus statusAfter() {
    return statusAfter;
  }

  public String detail() {
    return detail;
  }
}

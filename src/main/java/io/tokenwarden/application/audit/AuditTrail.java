package io.tokenwarden.application.audit;

import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.RefreshEvent;
import io.tokenwarden.domain.RefreshTrigger;
import io.tokenwarden.infrastructure.runtime.NodeIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * Writes the audit trail. Call it inside the unit of work that changed the connection, so the event
 * and the change commit together (or not at all).
 */
@ApplicationScoped
public class AuditTrail {

  /** The outcome recorded for a successful call or change. */
  public static final String SUCCESS = "SUCCESS";

  @PersistenceContext(unitName = "tokenwarden")
  EntityManager em;

  @Inject NodeIdentity node;

  @Inject Clock clock;

  /** Records one token-endpoint call or status change; must run in the tenant's (or root) scope. */
  public void record(
      UUID tenantId,
      RefreshTrigger trigger,
      String outcome,
      Integer httpStatus,
      Duration duration,
      ConnectionStatus statusAfter,
      String detail) {
    em.persist(
        new RefreshEvent(
            tenantId,
            clock.instant(),
            trigger,
            outcome,
            httpStatus,
            duration,
            node.name(),
            statusAfter,
            detail));
  }
}

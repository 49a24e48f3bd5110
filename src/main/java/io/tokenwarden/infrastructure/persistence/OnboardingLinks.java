package io.tokenwarden.infrastructure.persistence;

import io.tokenwarden.domain.AuthorizationAttempt;
import io.tokenwarden.domain.OnboardingLink;
import io.tokenwarden.infrastructure.crypto.SecretHash;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The queries of onboarding links and the authorization attempts started through them, written
 * once. Secrets arrive as the tenant's browser sent them and are looked up only by their hash, and
 * only when they have the form of one of our secrets.
 */
@ApplicationScoped
public class OnboardingLinks {

  @PersistenceContext(unitName = "tokenwarden")
  EntityManager em;

  /**
   * The link whose token this is, or empty. Cross-tenant by design: a link token names no tenant,
   * and its hash is unique. Run it in {@link TenantScope#asRoot}.
   */
  public Optional<OnboardingLink> byToken(String linkToken) {
    if (!SecretHash.isWellFormed(linkToken)) {
      return Optional.empty();
    }
    return em.createQuery(
            "select l from OnboardingLink l where l.tokenHash = :hash", OnboardingLink.class)
        .setParameter("hash", SecretHash.of(linkToken))
        .getResultStream()
        .findFirst();
  }

  /** The link with this id in the current scope, optionally under a row lock. */
  public Optional<OnboardingLink> byId(UUID linkId, boolean forUpdate) {
    return Optional.ofNullable(
        forUpdate
            ? em.find(OnboardingLink.class, linkId, LockModeType.PESSIMISTIC_WRITE)
            : em.find(OnboardingLink.class, linkId));
  }

  /** The current tenant's links, newest first (run in {@link TenantScope#asTenant}). */
  public List<OnboardingLink> newestFirst() {
    return em.createQuery(
            "select l from OnboardingLink l order by l.createdAt desc, l.id", OnboardingLink.class)
        .getResultList();
  }

  /** Adds a link (the tenant's scope stamps its tenant id). */
  public void add(OnboardingLink link) {
    em.persist(link);
  }

  /** Adds an attempt (in the root context its explicit tenant id is kept). */
  public void add(AuthorizationAttempt attempt) {
    em.persist(attempt);
  }

  /**
   * The attempt whose OAuth {@code state} this is, under a row lock, so two callbacks carrying the
   * same state are serialised. Cross-tenant by design: the callback names no tenant, and the state
   * hash is unique. Run it in {@link TenantScope#asRoot}.
   */
  public Optional<AuthorizationAttempt> attemptByStateForUpdate(String state) {
    if (!SecretHash.isWellFormed(state)) {
      return Optional.empty();
    }
    return em.createQuery(
            "select a from AuthorizationAttempt a where a.stateHash = :hash",
            AuthorizationAttempt.class)
        .setParameter("hash", SecretHash.of(state))
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultStream()
        .findFirst();
  }

  /**
   * The newest attempt started by the browser whose binding hash this is, or empty: "Try again" on
   * a tenant's error page restarts through that attempt's link. Cross-tenant like {@link
   * #attemptByStateForUpdate}; run it in {@link TenantScope#asRoot}.
   */
  public Optional<AuthorizationAttempt> newestAttemptOfBrowser(String bindingHash) {
    return em.createQuery(
            "select a from AuthorizationAttempt a where a.browserBindingHash = :hash"
                + " order by a.createdAt desc, a.id",
            AuthorizationAttempt.class)
        .setParameter("hash", bindingHash)
        .setMaxResults(1)
        .getResultStream()
        .findFirst();
  }

  /** The attempt with this id in the current scope. */
  public Optional<AuthorizationAttempt> attemptById(UUID attemptId) {
    return Optional.ofNullable(em.find(AuthorizationAttempt.class, attemptId));
  }
}

package io.tokenwarden.it;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Hands in-container tests the application's transaction-scoped entity manager, which Arquillian
 * does not inject into test classes itself. Deployed only with the ITs that add it.
 */
@ApplicationScoped
public class JpaProbe {

  @PersistenceContext(unitName = "tokenwarden")
  EntityManager em;

  public EntityManager em() {
    return em;
  }
}

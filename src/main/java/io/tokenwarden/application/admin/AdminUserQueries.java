package io.tokenwarden.application.admin;

import io.tokenwarden.domain.AdminRole;
import io.tokenwarden.domain.AdminUser;
import jakarta.persistence.EntityManager;

/** The few console-user queries more than one use case needs; call inside a unit of work. */
final class AdminUserQueries {

  private AdminUserQueries() {}

  static AdminUser byUsername(EntityManager em, String normalisedUsername) {
    return em.createQuery("select u from AdminUser u where u.username = :name", AdminUser.class)
        .setParameter("name", normalisedUsername)
        .getResultStream()
        .findFirst()
        .orElse(null);
  }

  static long countWithRole(EntityManager em, AdminRole role) {
    return em.createQuery("select count(u) from AdminUser u where u.role = :role", Long.class)
        .setParameter("role", role)
        .getSingleResult();
  }
}

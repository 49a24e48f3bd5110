package io.tokenwarden.application.admin;

import io.tokenwarden.domain.AdminRole;
import io.tokenwarden.domain.AdminUser;
import io.tokenwarden.infrastructure.persistence.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Adds, lists, re-roles, re-passwords and deletes console users under {@link AdminUserRules}.
 * Failures a person can fix are {@link AdminUserException}s with plain-word messages; no method
 * ever returns or logs a password hash.
 */
@ApplicationScoped
public class AdminUserService {

  private static final Logger LOG = Logger.getLogger(AdminUserService.class.getName());

  @Inject TenantScope scope;

  @Inject Clock clock;

  @Inject AdminPasswords passwords;

  @PersistenceContext(unitName = "tokenwarden")
  EntityManager em;

  public List<AdminUserView> list() {
    return scope.asRoot(
        () ->
            em.createQuery("select u from AdminUser u order by u.username", AdminUser.class)
                .getResultStream()
                .map(AdminUserView::of)
                .toList());
  }

  public boolean anyAdminExists() {
    return scope.asRoot(() -> AdminUserQueries.countWithRole(em, AdminRole.ADMIN) > 0);
  }

  public AdminUserView add(String username, String password, AdminRole role) {
    String usernameProblem = AdminUser.problemWithUsername(username);
    if (usernameProblem != null) {
      throw new AdminUserException(usernameProblem);
    }
    if (role == null) {
      throw new AdminUserException("Choose a role: ADMIN or VIEWER.");
    }
    String passwordProblem = AdminPasswords.problemWith(password);
    if (passwordProblem != null) {
      throw new AdminUserException(passwordProblem);
    }
    String hash = passwords.hash(password);
    AdminUserView added =
        scope.asRoot(
            () -> {
              if (AdminUserQueries.byUsername(em, AdminUser.normalise(username)) != null) {
                throw new AdminUserException(
                    "A user named '" + AdminUser.normalise(username) + "' already exists.");
              }
              AdminUser user = new AdminUser(username, hash, role, clock.instant());
              em.persist(user);
              return AdminUserView.of(user);
            });
    LOG.info(() -> "Console user " + added.username() + " added with role " + role);
    return added;
  }

  public void changeRole(UUID userId, AdminRole newRole, String actingUsername) {
    scope.asRoot(
        () -> {
          AdminUser user = require(userId);
          String problem =
              AdminUserRules.problemWithRoleChange(
                  user.username(),
                  user.role(),
                  newRole,
                  AdminUserQueries.countWithRole(em, AdminRole.ADMIN),
                  AdminUser.normalise(actingUsername));
          if (problem != null) {
            throw new AdminUserException(problem);
          }
          user.changeRole(newRole);
        });
    LOG.info(() -> "Console user " + userId + " now has role " + newRole);
  }

  public void resetPassword(UUID userId, String newPassword) {
    String problem = AdminPasswords.problemWith(newPassword);
    if (problem != null) {
      throw new AdminUserException(problem);
    }
    String hash = passwords.hash(newPassword);
    scope.asRoot(() -> require(userId).changePassword(hash, clock.instant()));
    LOG.info(() -> "Password of console user " + userId + " was reset");
  }

  public void delete(UUID userId, String actingUsername) {
    scope.asRoot(
        () -> {
          AdminUser user = require(userId);
          String problem =
              AdminUserRules.problemWithDelete(
                  user.username(),
                  user.role(),
                  AdminUserQueries.countWithRole(em, AdminRole.ADMIN),
                  AdminUser.normalise(actingUsername));
          if (problem != null) {
            throw new AdminUserException(problem);
          }
          em.remove(user);
        });
    LOG.info(() -> "Console user " + userId + " deleted");
  }

  private AdminUser require(UUID userId) {
    AdminUser user = userId == null ? null : em.find(AdminUser.class, userId);
    if (user == null) {
      throw new AdminUserException("That user no longer exists; reload the page.");
    }
    return user;
  }
}

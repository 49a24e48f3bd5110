package io.tokenwarden.application.admin;

import io.tokenwarden.domain.AdminUser;
import io.tokenwarden.domain.LoginPolicy;
import io.tokenwarden.domain.LoginThrottle;
import io.tokenwarden.infrastructure.persistence.TenantScope;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperties;

/**
 * Checks a console user's password under the login throttle: after {@code max-failures} wrong
 * passwords for one name within {@code failure-window}, the name is refused for {@code lockout},
 * right password or not. The count lives in the database, so all nodes of a cluster share it.
 */
@ApplicationScoped
public class AdminSignIn {

  private static final Logger LOG = Logger.getLogger(AdminSignIn.class.getName());

  @Inject TenantScope scope;

  @Inject Clock clock;

  @Inject AdminPasswords passwords;

  @PersistenceContext(unitName = "tokenwarden")
  EntityManager em;

  @Inject @ConfigProperties LoginSettings settings;

  private LoginPolicy policy;

  @PostConstruct
  void readPolicy() {
    policy = settings.policy();
  }

  public SignInOutcome signIn(String username, String password) {
    String key = LoginThrottle.key(username);
    Instant now = clock.instant();
    Optional<Instant> lockedUntil = lockedUntil(key, now);
    if (lockedUntil.isPresent()) {
      return SignInOutcome.locked(lockedUntil.get());
    }
    Optional<AdminUser> user =
        scope.asRoot(() -> Optional.ofNullable(AdminUserQueries.byUsername(em, key)));
    boolean correct =
        user.map(u -> passwords.matches(password, u.passwordHash()))
            .orElseGet(() -> passwords.matchesNothing(password));
    return correct ? recordSuccess(user.get(), now) : recordFailure(key, now);
  }

  /** When the name's lock ends, if it is locked now. */
  public Optional<Instant> lockedUntil(String username) {
    return lockedUntil(LoginThrottle.key(username), clock.instant());
  }

  private Optional<Instant> lockedUntil(String key, Instant now) {
    return scope.asRoot(
        () -> {
          LoginThrottle throttle = em.find(LoginThrottle.class, key);
          return throttle != null && throttle.isLockedAt(now)
              ? Optional.of(throttle.lockedUntil())
              : Optional.<Instant>empty();
        });
  }

  private SignInOutcome recordSuccess(AdminUser user, Instant now) {
    scope.asRoot(
        () -> {
          LoginThrottle throttle = em.find(LoginThrottle.class, user.username());
          if (throttle != null) {
            throttle.succeeded();
          }
          AdminUser managed = em.find(AdminUser.class, user.id());
          if (managed != null) {
            managed.signedIn(now);
          }
        });
    return SignInOutcome.signedIn(user.username(), user.role());
  }

  private SignInOutcome recordFailure(String key, Instant now) {
    try {
      Instant lockedUntil =
          scope.asRoot(
              () -> {
                LoginThrottle throttle = em.find(LoginThrottle.class, key);
                if (throttle == null) {
                  throttle = new LoginThrottle(key, now);
                  em.persist(throttle);
                }
                throttle.failed(now, policy);
                return throttle.isLockedAt(now) ? throttle.lockedUntil() : null;
              });
      if (lockedUntil != null) {
        LOG.warning(() -> "Console sign-in locked for a user name until " + lockedUntil);
        return SignInOutcome.locked(lockedUntil);
      }
    } catch (RuntimeException concurrentFirstFailure) {
      // Two first failures for one name at once: one insert loses. The sign-in failed anyway.
      LOG.fine("Login throttle row written concurrently; this failure was not counted");
    }
    return SignInOutcome.wrong();
  }
}

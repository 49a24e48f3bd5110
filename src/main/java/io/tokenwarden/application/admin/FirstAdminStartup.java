package io.tokenwarden.application.admin;

import io.tokenwarden.domain.AdminRole;
import io.tokenwarden.infrastructure.crypto.SecretHash;
import io.tokenwarden.infrastructure.freeagent.FreeAgentMode;
import io.tokenwarden.infrastructure.freeagent.FreeAgentSettings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates the console's first administrator at start-up, as {@link FirstAdminPlan} decides. The
 * generated emulator-mode password is the one secret Token Warden ever writes to its log, once,
 * marked as an initial password to change; nothing else about passwords is logged.
 */
@Singleton
@Startup
@DependsOn("SchemaStartup")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FirstAdminStartup {

  private static final Logger LOG = Logger.getLogger(FirstAdminStartup.class.getName());

  @Inject AdminUserService users;

  @Inject FreeAgentSettings freeAgent;

  @Inject
  @ConfigProperty(name = "tokenwarden.admin.user")
  Optional<String> configuredUser;

  @Inject
  @ConfigProperty(name = "tokenwarden.admin.password")
  Optional<String> configuredPassword;

  @PostConstruct
  void ensureFirstAdmin() {
    FirstAdminPlan plan =
        FirstAdminPlan.decide(
            users.anyAdminExists(),
            configuredUser,
            configuredPassword,
            freeAgent.mode() == FreeAgentMode.EMULATOR);
    try {
      switch (plan.action()) {
        case NOTHING -> {}
        case CREATE_CONFIGURED -> {
          users.add(plan.username(), configuredPassword.orElseThrow(), AdminRole.ADMIN);
          LOG.info(
              () -> "Created console administrator '" + plan.username() + "' from configuration");
        }
        case CREATE_GENERATED -> {
          String password = SecretHash.newSecret().substring(0, 24);
          users.add(plan.username(), password, AdminRole.ADMIN);
          LOG.warning(
              "INITIAL CONSOLE PASSWORD (emulator mode, shown once; sign in at /admin/ and change"
                  + " it on the Users page): user '"
                  + plan.username()
                  + "', password "
                  + password);
        }
        case WARN_UNCONFIGURED ->
            LOG.warning(
                "No console administrator exists and none is configured: set"
                    + " TOKENWARDEN_ADMIN_USER and TOKENWARDEN_ADMIN_PASSWORD (at least "
                    + AdminPasswords.MIN_LENGTH
                    + " characters) and restart to sign in to /admin/.");
      }
    } catch (AdminUserException invalidOrRaced) {
      // A configured name or password that breaks the rules, or another node created it first.
      LOG.warning(() -> "First console administrator not created: " + invalidOrRaced.getMessage());
    } catch (RuntimeException racedWithAnotherNode) {
      LOG.warning("First console administrator not created (another node may have created it)");
    }
  }
}

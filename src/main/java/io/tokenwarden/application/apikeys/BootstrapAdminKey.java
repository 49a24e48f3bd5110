package io.tokenwarden.application.apikeys;

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
 * Lets automation (and the ITs) start with an admin API key it already knows: when {@code
 * tokenwarden.api.bootstrap-admin-key} is set, the key is registered at start-up as the ADMIN
 * client "bootstrap", stored hashed like every key. Without the setting nothing happens; the first
 * admin key then comes from the console.
 */
@Singleton
@Startup
@DependsOn("SchemaStartup")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BootstrapAdminKey {

  private static final Logger LOG = Logger.getLogger(BootstrapAdminKey.class.getName());

  @Inject ApiKeyService keys;

  @Inject
  @ConfigProperty(name = "tokenwarden.api.bootstrap-admin-key")
  Optional<String> configuredKey;

  @PostConstruct
  void register() {
    Optional<String> key = configuredKey.map(String::strip).filter(k -> !k.isEmpty());
    if (key.isEmpty()) {
      return;
    }
    try {
      if (keys.registerAdminKey("bootstrap", key.get())) {
        LOG.info("Registered the configured bootstrap admin API key (client 'bootstrap')");
      }
    } catch (IllegalArgumentException e) {
      LOG.severe(
          "tokenwarden.api.bootstrap-admin-key is set but not usable: "
              + e.getMessage()
              + " No bootstrap admin key was registered.");
    } catch (RuntimeException e) {
      // Two nodes starting together may race on the unique key hash; one of them wins.
      LOG.warning(
          "Could not register the bootstrap admin API key ("
              + e.getClass().getSimpleName()
              + "); another node may have registered it at the same moment.");
    }
  }
}

package io.tokenwarden.application.refresh;

import jakarta.enterprise.context.Dependent;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@code tokenwarden.node.*} keys the node registry reads ({@code tokenwarden.node.name} itself
 * belongs to {@code NodeIdentity}). Inject as {@code @Inject @ConfigProperties NodeSettings}; like
 * {@link RefreshSettings} it holds key fields only.
 */
@Dependent
@ConfigProperties(prefix = "tokenwarden.node")
public class NodeSettings {

  @ConfigProperty(name = "dead-after", defaultValue = "PT90S")
  Duration deadAfter;

  /**
   * How long a node may go without a heartbeat before others treat it as gone and take its leases.
   * Must exceed the longest token-endpoint call ({@code LeaseConfigurationCheck}).
   */
  public Duration deadAfter() {
    return deadAfter;
  }
}

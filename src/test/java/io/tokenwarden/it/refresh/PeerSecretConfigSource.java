package io.tokenwarden.it.refresh;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives the deployments that test ADR 0029 the fleet's peer secret (the IT server has none, so the
 * other ITs run as a node that asks no peer). Registered through {@code META-INF/services} of the
 * test WAR only.
 */
public class PeerSecretConfigSource implements ConfigSource {

  public static final String SECRET = "it-peer-secret-0123456789abcdef-0123456789";

  private static final Map<String, String> VALUES = Map.of("tokenwarden.node.peer-secret", SECRET);

  @Override
  public Set<String> getPropertyNames() {
    return VALUES.keySet();
  }

  @Override
  public String getValue(String propertyName) {
    return VALUES.get(propertyName);
  }

  @Override
  public String getName() {
    return "token-warden-it-peer-secret";
  }

  @Override
  public int getOrdinal() {
    return 500;
  }
}

package io.tokenwarden.application.refresh;

import jakarta.enterprise.context.Dependent;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
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

  @ConfigProperty(name = "peer-url")
  Optional<String> peerUrl;

  @ConfigProperty(name = "peer-secret")
  Optional<String> peerSecret;

  /**
   * How long a node may go without a heartbeat before others treat it as gone and take its leases.
   * Must exceed the longest token-endpoint call ({@code LeaseConfigurationCheck}).
   */
  public Duration deadAfter() {
    return deadAfter;
  }

  /**
   * Where the other nodes of the fleet reach this one over HTTP (its base URL), written to its
   * registry row; empty when not set, and then no node asks it anything (ADR 0029).
   */
  public Optional<URI> peerUrl() {
    return peerUrl.filter(u -> !u.isBlank()).map(u -> URI.create(u.strip()));
  }

  /**
   * The secret the fleet's nodes share to ask each other which received pairs they hold; empty when
   * not set, and then this node neither asks nor answers (ADR 0029).
   */
  public Optional<String> peerSecret() {
    return peerSecret.filter(s -> !s.isBlank());
  }

  /**
   * Why the peer keys cannot work together, or null when they can (both unset is fine: peers are
   * then never asked). Checked at start ({@code LeaseConfigurationCheck}).
   */
  public String peerProblem() {
    Optional<String> url = peerUrl.filter(u -> !u.isBlank());
    if (url.isPresent()) {
      URI uri;
      try {
        uri = URI.create(url.get().strip());
      } catch (IllegalArgumentException e) {
        return "tokenwarden.node.peer-url is not a URL; set this node's base URL as the other"
            + " nodes reach it, e.g. http://node-1.internal:9080";
      }
      if (!uri.isAbsolute()
          || uri.getHost() == null
          || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        return "tokenwarden.node.peer-url must be an absolute http or https URL with a host, e.g."
            + " http://node-1.internal:9080";
      }
      if (peerSecret().isEmpty()) {
        return "tokenwarden.node.peer-url is set but tokenwarden.node.peer-secret is not; give"
            + " every node of the fleet the same secret of at least 32 characters";
      }
    }
    // 32 characters at least, as the node's other shared secrets.
    if (peerSecret().isPresent() && peerSecret().get().length() < 32) {
      return "tokenwarden.node.peer-secret must be at least 32 characters";
    }
    return null;
  }
}

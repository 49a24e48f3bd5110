package io.tokenwarden.infrastructure.runtime;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The name this node uses as lease owner and in the audit trail. It is unique per start (a
 * restarted node must not mistake an old lease for its own), prefixed by the configured or host
 * name so an operator recognises it.
 */
@ApplicationScoped
public class NodeIdentity {

  @Inject
  @ConfigProperty(name = "tokenwarden.node.name")
  Optional<String> configured;

  private String configuredName;
  private String name;

  @PostConstruct
  void init() {
    String base = configured.filter(n -> !n.isBlank()).orElseGet(NodeIdentity::hostName);
    String clean = base.replaceAll("[^A-Za-z0-9_.-]", "-");
    if (clean.length() > 100) {
      clean = clean.substring(0, 100);
    }
    configuredName = clean;
    name = clean + "/" + UUID.randomUUID().toString().substring(0, 8);
  }

  public String name() {
    return name;
  }

  /**
   * The configured (or host) name this run's name is made from: the same for every run of this
   * node, which is how a restarted node recognises the leases of its earlier runs.
   */
  public String configuredName() {
    return configuredName;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "node";
    }
  }
}

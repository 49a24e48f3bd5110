package io.tokenwarden.application.refresh;

import io.tokenwarden.infrastructure.freeagent.FreeAgentOAuthClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperties;

/**
 * Refuses to start a node whose refresh lease, or whose {@code tokenwarden.node.dead-after}, cannot
 * outlast one token-endpoint call. The refresh protocol never sends with less lease left than the
 * longest call (all attempts, as the fault-tolerance policies are configured), so a lease shorter
 * than twice that would leave most claims unsent; worse, an operator who shortened the lease and
 * lengthened a timeout would otherwise only find out when two nodes sent the same refresh token.
 * Other nodes take a silent node's leases after dead-after, so a call it started after its last
 * heartbeat must end before then: dead-after must hold that call, its margin and two ticks ({@link
 * NodeRegistry}). A peer URL without the fleet's peer secret is refused too ({@link
 * NodeSettings#peerProblem}): the node would advertise a URL no other node could ask.
 */
@ApplicationScoped
public class LeaseConfigurationCheck {

  @Inject @ConfigProperties RefreshSettings settings;

  @Inject @ConfigProperties NodeSettings nodeSettings;

  @Inject FreeAgentOAuthClient oauth;

  void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    String problem = problemWith(settings.lease(), oauth.refreshCallBound());
    if (problem == null) {
      problem =
          deadAfterProblem(nodeSettings.deadAfter(), oauth.refreshCallBound(), settings.tick());
    }
    if (problem == null) {
      problem = nodeSettings.peerProblem();
    }
    if (problem != null) {
      throw new IllegalStateException(problem);
    }
  }

  /**
   * Why {@code deadAfter} does not fit {@code callBound} and {@code tick}, or null when it does.
   */
  static String deadAfterProblem(Duration deadAfter, Duration callBound, Duration tick) {
    Duration needed = callBound.plus(RefreshProtocol.LEASE_MARGIN).plus(tick.multipliedBy(2));
    if (deadAfter.compareTo(needed) >= 0) {
      return null;
    }
    return "tokenwarden.node.dead-after is "
        + deadAfter
        + " but must be at least "
        + needed
        + ": the longest token-endpoint call ("
        + callBound
        + ", from the FreeAgentOAuthClient/refresh Timeout and Retry policies) plus "
        + RefreshProtocol.LEASE_MARGIN
        + " plus two ticks (tokenwarden.refresh.tick). Other nodes would otherwise take the"
        + " leases of a node whose call is still in flight. Lengthen dead-after.";
  }

  /** Why {@code lease} does not fit {@code callBound}, or null when it does. */
  static String problemWith(Duration lease, Duration callBound) {
    Duration needed = callBound.multipliedBy(2).plus(RefreshProtocol.LEASE_MARGIN);
    if (lease.compareTo(needed) >= 0) {
      return null;
    }
    return "tokenwarden.refresh.lease is "
        + lease
        + " but must be at least "
        + needed
        + ": twice the longest token-endpoint call ("
        + callBound
        + ", from the FreeAgentOAuthClient/refresh Timeout and Retry policies) plus "
        + RefreshProtocol.LEASE_MARGIN
        + ". Lengthen the lease or shorten those policies.";
  }
}

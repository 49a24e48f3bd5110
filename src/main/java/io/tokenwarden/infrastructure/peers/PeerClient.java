package io.tokenwarden.infrastructure.peers;

import io.tokenwarden.infrastructure.json.Jsonp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * Asks one node which tenants it holds a received pair for that it could not store yet. Short
 * timeouts: a node that does not answer at once is treated as it was before peers were asked (its
 * leases go once it is dead), and the asking tick must not stall. Any failure, a wrong secret, or
 * an answer that is not the expected JSON is "no answer"; the log line names the class of the
 * failure, never the secret.
 */
@ApplicationScoped
public class PeerClient {

  private static final Logger LOG = Logger.getLogger(PeerClient.class.getName());

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

  /**
   * The tenants the node at {@code peerUrl} says it holds parked pairs for, or empty when it did
   * not answer as a node of this fleet does.
   */
  public Optional<Set<UUID>> parkedTenants(URI peerUrl, String secret) {
    PeerApi client = null;
    try {
      client =
          RestClientBuilder.newBuilder()
              .baseUri(peerUrl)
              .connectTimeout(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
              .readTimeout(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
              .followRedirects(false)
              .build(PeerApi.class);
      return Optional.of(parse(client.parkedTenants("Bearer " + secret)));
    } catch (RuntimeException e) {
      LOG.info(
          () ->
              "A node cut off from the database did not say which pairs it holds ("
                  + rootCause(e)
                  + "); its leases go as a dead node's do");
      return Optional.empty();
    } finally {
      if (client instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          // closing a finished client: nothing left to report
        }
      }
    }
  }

  /** {@code {"node":"…","tenants":["uuid",…]}}; anything else is no answer. */
  static Set<UUID> parse(String body) {
    try (var reader = Jsonp.JSON.createReader(new StringReader(body))) {
      JsonObject answer = reader.readObject();
      JsonArray tenants = answer.getJsonArray("tenants");
      if (tenants == null) {
        throw new IllegalArgumentException("no tenants array");
      }
      Set<UUID> ids = new HashSet<>();
      for (JsonString id : tenants.getValuesAs(JsonString.class)) {
        ids.add(UUID.fromString(id.getString()));
      }
      return Set.copyOf(ids);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Not a peer's answer: " + e.getClass().getSimpleName());
    }
  }

  private static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName();
  }
}

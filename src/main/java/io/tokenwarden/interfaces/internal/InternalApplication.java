package io.tokenwarden.interfaces.internal;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The node-to-node JAX-RS application under {@code /internal}. It lists its classes explicitly, as
 * the WAR's other applications do, so it serves nothing of theirs and they nothing of its.
 */
@ApplicationPath("/internal")
public class InternalApplication extends Application {

  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(ParkedPairsResource.class);
  }
}

package io.tokenwarden.fleet;

import java.nio.file.Path;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Gives each scenario the suite's one {@link FleetRun}: started by the first scenario that asks,
 * kept in JUnit's root store, and stopped (servers down, database dropped) when the whole run ends.
 * When a scenario fails, the servers' warnings, errors and long GC pauses go into the test output
 * ({@link NodeLogs}): CI keeps Maven's output, not the servers' logs.
 */
final class FleetExtension implements ParameterResolver, TestWatcher {

  private static final Logger LOG = Logger.getLogger(FleetExtension.class.getName());

  /** Enough lines to see a failover around the failure, few enough to read. */
  private static final int LINES_PER_SERVER = 60;

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == FleetRun.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.create(FleetExtension.class))
        .getOrComputeIfAbsent(FleetRun.class, key -> FleetRun.start(), FleetRun.class);
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    Path project = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    String name = System.getenv().getOrDefault("FLEET_NAME", "fleet");
    LOG.warning(
        () ->
            context.getDisplayName()
                + " failed; what the fleet's servers said last:\n"
                + NodeLogs.notable(project, name, LINES_PER_SERVER));
  }
}

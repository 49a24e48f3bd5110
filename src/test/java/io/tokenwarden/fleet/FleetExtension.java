package io.tokenwarden.fleet;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each scenario the suite's one {@link FleetRun}: started by the first scenario that asks,
 * kept in JUnit's root store, and stopped (servers down, database dropped) when the whole run ends.
 */
final class FleetExtension implements ParameterResolver {

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
}

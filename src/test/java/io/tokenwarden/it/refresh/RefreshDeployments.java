package io.tokenwarden.it.refresh;

import io.tokenwarden.it.Deployments;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The packaged WAR plus the refresh ITs' probes and the assertion libraries they run with. */
final class RefreshDeployments {

  private RefreshDeployments() {}

  static WebArchive withProbes() {
    return Deployments.application()
        .addClasses(
            ConnectedTenants.class,
            ConnectedTenants.Connected.class,
            EmulatorControl.class,
            RefreshDeployments.class)
        .addPackages(true, "org.assertj", "org.awaitility", "org.hamcrest");
  }
}

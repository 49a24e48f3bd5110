package io.tokenwarden.interfaces.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while the application answers at all. It deliberately ignores the database: a database
 * outage makes the node unready, and restarting the node would not cure it.
 */
@Liveness
@ApplicationScoped
public class ProcessLivenessCheck implements HealthCheck {

  @Override
  public HealthCheckResponse call() {
    Runtime runtime = Runtime.getRuntime();
    return HealthCheckResponse.named("process")
        .up()
        .withData("freeMemoryMb", runtime.freeMemory() / (1024 * 1024))
        .build();
  }
}

package io.tokenwarden.emulator;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Holds the one emulated provider of this server and its clock. A reset swaps in a fresh {@link
 * Sandbox} built from configuration, so no request ever sees half-cleared state. A periodic sweep
 * on the container's managed scheduler keeps memory proportional to what is still usable.
 */
@ApplicationScoped
public class EmulatorState {

  private static final Logger LOG = Logger.getLogger(EmulatorState.class.getName());

  @Inject EmulatorConfiguration configuration;

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService scheduler;

  private final SettableClock clock = new SettableClock();
  private volatile Sandbox sandbox;
  private ScheduledFuture<?> sweeping;

  @PostConstruct
  void start() {
    sandbox = freshSandbox();
    long every = configuration.sweepIntervalSeconds();
    sweeping =
        scheduler.scheduleWithFixedDelay(
            () -> {
              int dropped = sandbox.sweep();
              LOG.fine(() -> "Emulator sweep dropped " + dropped + " entries");
            },
            every,
            every,
            TimeUnit.SECONDS);
    LOG.info(
        () ->
            "FreeAgent emulator ready: client "
                + sandbox.client().id()
                + ", redirect URIs "
                + sandbox.client().redirectUris()
                + ", control API "
                + (configuration.controlSecret().isPresent() ? "enabled" : "closed"));
  }

  @PreDestroy
  void stop() {
    if (sweeping != null) {
      sweeping.cancel(false);
    }
  }

  public Sandbox sandbox() {
    return sandbox;
  }

  public SettableClock clock() {
    return clock;
  }

  /** Everything back to configured defaults: users, tokens, counters, faults and real time. */
  public void reset() {
    clock.useSystemTime();
    sandbox = freshSandbox();
    LOG.info("FreeAgent emulator reset to its configured defaults");
  }

  /** The container's scheduler, for delayed (latency, hang) replies that hold no thread. */
  public ManagedScheduledExecutorService scheduler() {
    return scheduler;
  }

  private Sandbox freshSandbox() {
    return new Sandbox(
        clock,
        configuration.initialSettings(),
        configuration.registeredClient(),
        SandboxDirectory.withDefaultUsers());
  }
}

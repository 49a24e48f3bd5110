package io.tokenwarden.application.refresh;

import io.tokenwarden.testing.ConfigDefaults;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * What every {@link RefreshDispatcher} unit test wires the same way: the shipped refresh defaults,
 * plain threads for the managed thread factory, a node that may claim, nothing parked, a closed
 * circuit and a provider that is neither paused nor ramping. Each test then sets the parts its
 * scenario is about (leases, refreshes, provider state).
 */
final class QuietNode {

  private QuietNode() {}

  static void wire(RefreshDispatcher dispatcher) {
    dispatcher.settings = ConfigDefaults.of(RefreshSettings.class);
    dispatcher.threads = new PlainThreads();
    dispatcher.inFlight = new InFlightRefreshes();
    dispatcher.circuitPause = new CircuitPause();
    dispatcher.clock = Clock.systemUTC();
    dispatcher.registry =
        new NodeRegistry() {
          @Override
          public void heartbeat() {}

          @Override
          public boolean mayClaim() {
            return true;
          }
        };
    dispatcher.protocol =
        new RefreshProtocol() {
          @Override
          public void retryParked() {}
        };
    dispatcher.provider =
        new ProviderStateStore() {
          @Override
          public ProviderState read() {
            return ProviderState.CLEAR;
          }

          @Override
          public ProviderState lastRead() {
            return ProviderState.CLEAR;
          }

          @Override
          public void announceResumeIfEnded(Instant now) {}
        };
  }

  /** The managed thread factory's stand-in: plain threads. */
  private static final class PlainThreads implements ManagedThreadFactory {
    @Override
    public Thread newThread(Runnable work) {
      return new Thread(work, "refresh-test");
    }

    @Override
    public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
      return ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
    }
  }
}

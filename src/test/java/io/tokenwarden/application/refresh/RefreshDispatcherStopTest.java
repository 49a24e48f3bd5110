package io.tokenwarden.application.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tokenwarden.application.TenantLabels;
import io.tokenwarden.domain.ConnectionStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's stop: a rolling restart or undeploy first stops claiming, then lets the
 * refreshes in flight finish (bounded by {@code drain-timeout}) instead of interrupting them
 * between FreeAgent's answer and the commit.
 */
class RefreshDispatcherStopTest {

  private final CountDownLatch providerAnswers = new CountDownLatch(1);
  private final CountDownLatch refreshStarted = new CountDownLatch(1);
  private final AtomicBoolean refreshInterrupted = new AtomicBoolean();
  private final AtomicBoolean refreshCompleted = new AtomicBoolean();
  private final AtomicInteger claims = new AtomicInteger();
  private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private final Logger log = Logger.getLogger(RefreshDispatcher.class.getName());
  private final RefreshDispatcher dispatcher = new RefreshDispatcher();

  {
    dispatcher.labels = new TenantLabels();
  }

  @BeforeEach
  void oneDueConnectionWhoseRefreshWaitsForTheProvider() {
    log.addHandler(capture);
    QuietNode.wire(dispatcher);
    dispatcher.leases =
        new ConnectionLeases() {
          @Override
          public List<ClaimedConnection> claimDue(int limit) {
            List<ClaimedConnection> due = new ArrayList<>();
            if (claims.getAndIncrement() == 0) {
              due.add(
                  new ClaimedConnection(
                      UUID.randomUUID(), UUID.randomUUID(), "u", null, UUID.randomUUID(), null));
            }
            return due;
          }

          @Override
          public void giveBackUnsent(ClaimedConnection claim) {}
        };
    dispatcher.refreshes =
        new RefreshService() {
          @Override
          public RefreshResult refreshClaimed(ClaimedConnection claim) {
            refreshStarted.countDown();
            try {
              providerAnswers.await();
            } catch (InterruptedException e) {
              refreshInterrupted.set(true);
              return new RefreshResult(ConnectionStatus.CONNECTED, false, "interrupted");
            }
            refreshCompleted.set(true);
            return new RefreshResult(ConnectionStatus.CONNECTED, true, "stored");
          }
        };
    dispatcher.init();
    dispatcher.tick();
  }

  @AfterEach
  void releaseEverything() {
    providerAnswers.countDown();
    log.removeHandler(capture);
  }

  /** A stop waits for the refresh in flight to be stored, and claims nothing new meanwhile. */
  @Test
  void stopDrainsTheRefreshInFlightAndClaimsNothingNew() throws Exception {
    assertThat(refreshStarted.await(10, TimeUnit.SECONDS)).isTrue();

    Thread stopper = new Thread(dispatcher::stop, "stopper");
    stopper.start();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !stopper.isAlive() || stopper.getState() == Thread.State.TIMED_WAITING);

    assertThat(stopper.isAlive()).as("stop waits for the refresh in flight").isTrue();
    assertThat(refreshInterrupted).as("the refresh in flight is not interrupted").isFalse();
    dispatcher.tick();
    assertThat(claims).as("a tick while stopping claims nothing").hasValue(1);

    providerAnswers.countDown();
    stopper.join(TimeUnit.SECONDS.toMillis(10));
    assertThat(stopper.isAlive()).isFalse();
    assertThat(refreshCompleted).isTrue();
    assertThat(logged).noneMatch(r -> r.getLevel() == Level.WARNING);
  }

  /** A refresh that outlasts the drain timeout does not hold the stop: it is counted and logged. */
  @Test
  void stopGivesUpAfterTheDrainTimeoutAndSaysHowManyDidNotFinish() throws Exception {
    assertThat(refreshStarted.await(10, TimeUnit.SECONDS)).isTrue();
    dispatcher.settings.drainTimeout = Duration.ofMillis(200);

    long started = System.nanoTime();
    dispatcher.stop();

    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(200))
        .isLessThan(Duration.ofSeconds(10));
    assertThat(logged)
        .anySatisfy(
            r -> {
              assertThat(r.getLevel()).isEqualTo(Level.WARNING);
              assertThat(r.getMessage()).contains("1 refresh(es) did not finish");
            });
  }
}

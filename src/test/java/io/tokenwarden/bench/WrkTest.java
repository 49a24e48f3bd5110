package io.tokenwarden.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The P3 bench reads wrk's summary; a misread would publish a wrong figure, so it is tested. */
class WrkTest {

  private static final String SUMMARY =
      """
      Running 15s test @ http://localhost:9680/bench-baseline/ping
        2 threads and 32 connections
        Thread Stats   Avg      Stdev     Max   +/- Stdev
          Latency     3.10ms    2.20ms  41.02ms   88.12%
          Req/Sec     5.21k   612.33     6.70k    71.00%
        Latency Distribution
           50%  635.91us
           75%    3.50ms
           90%    5.90ms
           99%    1.20s
        155431 requests in 15.01s, 20.45MB read
        Socket errors: connect 0, read 2, write 0, timeout 3
        Non-2xx or 3xx responses: 7
      Requests/sec:  10355.16
      Transfer/sec:      1.36MB
      """;

  @Test
  void readsRateCountsAndPercentilesInMilliseconds() {
    Wrk.Result result = Wrk.parse(SUMMARY);

    assertThat(result.requestsPerSecond()).isEqualTo(10355.16);
    assertThat(result.requests()).isEqualTo(155431);
    assertThat(result.p50Millis()).isEqualTo(0.63591);
    assertThat(result.p99Millis()).isEqualTo(1200.0);
    assertThat(result.notOk()).isEqualTo(7);
    assertThat(result.socketErrors()).isEqualTo(5);
    assertThat(result.failures()).isEqualTo(12);
  }

  @Test
  void aCleanRunHasNoFailures() {
    Wrk.Result result = Wrk.parse(SUMMARY.replaceAll("(?m)^.*(Socket errors|Non-2xx).*\\n", ""));

    assertThat(result.failures()).isZero();
  }

  @Test
  void anOutputWithoutASummaryIsAnError() {
    assertThatThrownBy(() -> Wrk.parse("unable to connect to localhost:9680 Connection refused"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Requests/sec");
  }
}

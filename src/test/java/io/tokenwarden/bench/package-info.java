/**
 * Benchmarks of the docs/DESIGN.md "Scale" figures ({@code *Bench}, run only with {@code -Pbench} /
 * bench/run.sh): they print tables of measured figures against targets and never assert wall-clock
 * time, so they live apart from the tests.
 */
package io.tokenwarden.bench;

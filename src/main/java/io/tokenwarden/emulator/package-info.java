/**
 * The FreeAgent emulator: a stand-in for FreeAgent's OAuth server and the two API calls Token
 * Warden needs, served under {@code /emulator/…} in the same WAR so that local runs, tests and
 * benchmarks have a provider without a FreeAgent account or network. It imports nothing from Token
 * Warden's own layers and nothing there imports it; it is deliberately stricter than FreeAgent
 * where FreeAgent's behaviour is undocumented (rotation, reuse, limits, faults), so the application
 * is ready for the worst case. The pure engine ({@link io.tokenwarden.emulator.Sandbox}) holds the
 * state; the JAX-RS resources only translate HTTP.
 */
package io.tokenwarden.emulator;

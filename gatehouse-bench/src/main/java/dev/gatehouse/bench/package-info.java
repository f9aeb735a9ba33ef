/**
 * Benchmarks: JMH microbenchmarks of the hot paths ({@code dev.gatehouse.bench.jmh}) and the
 * end-to-end driver that loads a real server with wrk ({@code dev.gatehouse.bench.e2e}). They
 * measure and report; nothing here asserts a timing.
 */
package dev.gatehouse.bench;

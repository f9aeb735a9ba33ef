/**
 * JMH microbenchmarks of the hot paths, one class per path: password hashing, token signing and
 * verification per algorithm, session lookup per store, access-rule matching. Run them with
 * {@link dev.gatehouse.bench.jmh.Microbenchmarks}; see the module README. Each benchmark method is
 * a plain public method on a state object, so a unit test can call its setup and one invocation
 * without JMH.
 */
package dev.gatehouse.bench.jmh;

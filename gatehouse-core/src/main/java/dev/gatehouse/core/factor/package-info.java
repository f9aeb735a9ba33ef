/**
 * Second factors: time-based one-time passwords (RFC 6238) of authenticator apps. The codes and
 * secrets here are pure values and functions; where a user's factors are kept, and the rule that
 * a code is accepted once, belong to the store and the service that use them.
 */
package dev.gatehouse.core.factor;

/**
 * Store events: what one instance tells the others sharing its stores, so that their cached
 * copies (sessions, users, the key ring) are forgotten within moments of a change.
 */
package dev.gatehouse.core.events;

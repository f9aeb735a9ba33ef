/**
 * What only makes the server start sooner, kept apart from what it does: arguments of a plain
 * {@code serve} read without picocli, logging set up in code, SQLite's native library loaded from
 * an unpacked copy, and slow start-up steps run side by side. Each is measured in
 * docs/PERFORMANCE.md; each can go without changing what the server does, only how soon.
 */
package dev.gatehouse.server.boot;

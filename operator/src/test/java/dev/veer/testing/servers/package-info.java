/**
 * Real servers for integration tests, started on 127.0.0.1 by the tests themselves: Prometheus, etcd and git daemon.
 *
 * <p>Each server is a JUnit 5 extension registered in a static field ({@link
 * dev.veer.testing.servers.PrometheusServerExtension}, {@link dev.veer.testing.servers.EtcdServerExtension}, {@link
 * dev.veer.testing.servers.GitDaemonExtension}). Every server process runs in its own process group through
 * {@link dev.veer.testing.servers.ManagedProcess}, writes its log to
 * {@code operator/target/test-servers/<name>-<port>/} and is stopped by signalling the whole group. A missing binary
 * fails the test with the Debian package to install ({@link dev.veer.testing.servers.ServerBinary}); the
 * {@code VEER_PROMETHEUS_BIN}, {@code VEER_ETCD_BIN} and {@code VEER_GIT_BIN} variables point at other binaries.
 */
package dev.veer.testing.servers;

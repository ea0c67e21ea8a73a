/**
 * The simulated world that tests and the sandbox run Veer in: fabric8's mock API server in CRUD mode with Veer's CRDs
 * installed, and a simulated workload controller that moves Deployment status the way the real Deployment controller
 * does. This is the only place where Veer's environment is simulated.
 *
 * <p>These sources are compiled as test sources by default and as main sources in the {@code sandbox} Maven profile
 * (activated by {@code -Dquarkus.profile=sandbox}); a production build does not contain them.
 */
package dev.veer.sandbox;

package dev.veer.config;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.arc.profile.IfBuildProfile;

/**
 * Leader election through a Lease, so that only one of several operator replicas reconciles. Built into the prod
 * profile only: dev, test and the sandbox run a single instance.
 */
@Singleton
@IfBuildProfile("prod")
public class LeaderElection extends LeaderElectionConfiguration {

    public LeaderElection(@ConfigProperty(name = "veer.leader-election.lease-name") String leaseName) {
        super(leaseName);
    }
}

package dev.veer.rollout;

import dev.veer.api.ServiceRollout;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;

@ControllerConfiguration(name = "servicerollout")
public class ServiceRolloutReconciler implements Reconciler<ServiceRollout> {

    @Override
    public UpdateControl<ServiceRollout> reconcile(ServiceRollout resource, Context<ServiceRollout> context) {
        return UpdateControl.noUpdate();
    }
}

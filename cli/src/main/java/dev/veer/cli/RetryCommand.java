package dev.veer.cli;

import picocli.CommandLine.Command;

@Command(name = "retry", description = "Roll an aborted version out again from the first step (veer.dev/action=retry).")
final class RetryCommand extends ActionCommand {

    @Override
    ActionRules action() {
        return ActionRules.RETRY;
    }
}

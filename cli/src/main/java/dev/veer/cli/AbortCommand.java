package dev.veer.cli;

import picocli.CommandLine.Command;

@Command(name = "abort", description = "Return all traffic to the stable version and hold the new one "
        + "(veer.dev/action=abort).")
final class AbortCommand extends ActionCommand {

    @Override
    ActionRules action() {
        return ActionRules.ABORT;
    }
}

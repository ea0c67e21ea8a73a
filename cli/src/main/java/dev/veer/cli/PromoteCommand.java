package dev.veer.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "promote", description = "Go past the current pause, or promote a blue-green preview "
        + "(veer.dev/action=promote); --full skips the remaining steps and analyses (promote-full).")
final class PromoteCommand extends ActionCommand {

    @Option(names = "--full", description = "Skip the remaining steps and analyses and promote now.")
    boolean full;

    @Override
    ActionRules action() {
        return full ? ActionRules.PROMOTE_FULL : ActionRules.PROMOTE;
    }
}

package dev.veer.cli;

import picocli.CommandLine.Command;

@Command(name = "set", description = "Change a rollout's spec.", subcommands = SetImageCommand.class)
final class SetCommand {
}

import type { Command } from 'commander';
import { DroplineError } from '../../errors/DroplineError.js';
import { didYouMean } from '../../util/didYouMean.js';

/** `dropline help [command]`: a command's help, or a usage error naming the commands there are. */
export function helpCommand(program: Command): void {
  program.helpCommand(false);
  program
    .command('help')
    .description('display help for a command')
    .argument('[command]', 'the command to explain')
    .action((name: string | undefined) => {
      if (name === undefined) return program.outputHelp();
      const command = program.commands.find((c) => c.name() === name || c.aliases().includes(name));
      if (!command) {
        const known = program.commands.map((c) => c.name());
        throw new DroplineError('USAGE', `"${name}" is not a dropline command${didYouMean(name, known)} (commands: ${known.join(', ')})`);
      }
      command.outputHelp();
    });
}

/**
 * `bto` with only the after-checkout commands, for the tests until the lead
 * wires registerOrderCommands and registerSimulateCommand into src/cli/main.ts:
 * `node --import tsx test/node/orders-cli-harness.ts simulate ...`.
 */
import { Command } from 'commander';
import { registerOrderCommands } from '../../src/cli/order-commands.js';
import { registerSimulateCommand } from '../../src/cli/simulate-command.js';

const program = new Command().name('bto');
registerOrderCommands(program);
registerSimulateCommand(program);
await program.parseAsync(process.argv);

/** Standalone fake: prints its URL and the demo keys, runs until SIGINT/SIGTERM. */
import { parseMainArgs, USAGE, type MainOptions } from './args';
import { FAKE_KEYS } from './keys';
import { startFakeOpenAi } from './server';

async function main(): Promise<void> {
	let options: MainOptions;
	try {
		options = parseMainArgs(process.argv.slice(2));
	} catch (error) {
		console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
		process.exitCode = 2;
		return;
	}
	if (options.help) {
		console.log(USAGE);
		return;
	}
	const fake = await startFakeOpenAi({ port: options.port, latencyMs: options.latencyMs, rateLimit: options.rateLimit });
	console.log(`Fake OpenAI API listening at ${fake.url}`);
	console.log(`Control API: ${fake.origin}/_fake/ (requests, config, faults, keys, reset)`);
	console.log('Demo keys:');
	for (const [name, key] of Object.entries(FAKE_KEYS)) console.log(`  ${name.padEnd(18)} ${key}`);
	const shutdown = (): void => {
		fake.stop().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.once('SIGINT', shutdown);
	process.once('SIGTERM', shutdown);
}

void main();

/**
 * `npm run bench [name…]`: runs the benchmarks in bench/*.bench.ts (all, or those named), each
 * writing its own section of docs/BENCHMARKS.md. A benchmark module exports
 * `run(): Promise<void>` and a one-line `description`.
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

interface BenchModule {
	description: string;
	run(): Promise<void>;
}

async function main(): Promise<void> {
	const wanted = process.argv.slice(2);
	const files = readdirSync(__dirname)
		.filter((f) => f.endsWith('.bench.js'))
		.filter((f) => wanted.length === 0 || wanted.includes(basename(f, '.bench.js')))
		.sort();
	if (files.length === 0) throw new Error(`No benchmark matches ${wanted.join(', ') || '(any)'}`);
	for (const file of files) {
		const bench = (await import(join(__dirname, file))) as BenchModule;
		console.log(`\n=== ${basename(file, '.bench.js')}: ${bench.description}`);
		const started = Date.now();
		await bench.run();
		console.log(`=== done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);

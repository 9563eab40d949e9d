import { parseArgs } from 'node:util';

import type { LatencySetting } from './latency';
import type { RateLimitConfig } from './rateLimit';

/** Options of the standalone fake (`main.ts`). */
export interface MainOptions {
	port: number;
	latencyMs: LatencySetting;
	rateLimit: RateLimitConfig | null;
	help: boolean;
}

export const USAGE = `Usage: node .dev-build/test/fake-openai/main.js [options]

  --port <n>        port on 127.0.0.1 (default 8787; 0 = random)
  --latency <ms>    delay per response: a number, or a range "min-max" (default 0)
  --rpm <n>         requests per minute per key (default: unlimited)
  --tpm <n>         tokens per minute per key (default: unlimited)
  -h, --help        show this help`;

/** Parses CLI arguments (without the node and script paths); throws with a readable message. */
export function parseMainArgs(argv: readonly string[]): MainOptions {
	const { values, positionals } = parseArgs({
		args: [...argv],
		allowPositionals: true,
		strict: true,
		options: {
			port: { type: 'string' },
			latency: { type: 'string' },
			rpm: { type: 'string' },
			tpm: { type: 'string' },
			help: { type: 'boolean', short: 'h' },
		},
	});
	if (positionals.length > 0) throw new Error(`Unexpected argument: ${positionals[0]}`);
	const port = values.port === undefined ? 8787 : integer('--port', values.port, 0, 65_535);
	const latencyMs = values.latency === undefined ? 0 : latency(values.latency);
	const rpm = values.rpm === undefined ? undefined : integer('--rpm', values.rpm, 1);
	const tpm = values.tpm === undefined ? undefined : integer('--tpm', values.tpm, 1);
	const rateLimit = rpm === undefined && tpm === undefined ? null : { rpm, tpm };
	return { port, latencyMs, rateLimit, help: values.help === true };
}

function integer(name: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
	if (!/^\d+$/.test(text)) throw new Error(`${name} expects a whole number, got '${text}'`);
	const value = Number(text);
	if (value < min || value > max) throw new Error(`${name} must be between ${min} and ${max}, got ${value}`);
	return value;
}

function latency(text: string): LatencySetting {
	const range = /^(\d+)-(\d+)$/.exec(text);
	if (!range) return integer('--latency', text, 0);
	const [min, max] = [Number(range[1]), Number(range[2])];
	if (max < min) throw new Error(`--latency range must be min-max with min <= max, got '${text}'`);
	return { min, max };
}

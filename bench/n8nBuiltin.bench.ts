/**
 * Side by side in a real n8n: the same 1,000-item text workflow through n8n's built-in OpenAI node
 * (`@n8n/n8n-nodes-langchain.openAi`, Text → Message a Model) and through ours (Chat → Message a
 * Model), against the same fake OpenAI API with 50 ms latency and with none. `npm run bench:n8n`
 * (scripts/e2e/bench-n8n.sh) provides the cached n8n and the packed package.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DEFAULT_CONCURRENCY } from '../nodes/shared/engine/options';
import type { FakeOpenAi, RequestLogEntry } from '../test/fake-openai';
import { FAKE_KEYS, startFakeOpenAi } from '../test/fake-openai';
import { installTarball } from '../scripts/e2e/communityPackage';
import { demoCredentials, DEMO_CREDENTIALS } from '../scripts/e2e/credentials';
import { N8n, tail } from '../scripts/e2e/n8n';
import { machineLine, ms, ratio, table, writeSection } from './report';

const REPEATS = 3;

export const description = "n8n's built-in OpenAI node vs ours: 1,000 items in a real n8n, 50 ms and 0 ms latency";

const ITEMS = 1000;
const LATENCIES = [50, 0];
const NODE = 'OpenAI';
/** The built-in node's own cost per item measured at 0 ms latency (docs: real-n8n-runtime.md). */
const BUILTIN_OWN_COST_MS = 9;
const BUILTIN_CREDENTIAL = { id: 'benchBuiltinKey1', name: 'OpenAI (built-in node, bench)' };

interface Contender {
	key: 'builtin' | 'ours';
	label: string;
	workflowId: string;
	node: Record<string, unknown>;
}

const CONTENDERS: Contender[] = [
	{
		key: 'builtin',
		label: "n8n's OpenAI node (Text → Message a Model)",
		workflowId: 'benchBuiltin1000',
		node: {
			type: '@n8n/n8n-nodes-langchain.openAi',
			typeVersion: 2.3,
			parameters: {
				resource: 'text',
				operation: 'response',
				modelId: { __rl: true, mode: 'id', value: 'gpt-4o-mini' },
				responses: { values: [{ type: 'text', role: 'user', content: '={{ $json.question }}' }] },
				options: {},
			},
			credentials: { openAiApi: BUILTIN_CREDENTIAL },
		},
	},
	{
		key: 'ours',
		label: `ours (Chat → Message a Model, concurrency ${DEFAULT_CONCURRENCY})`,
		workflowId: 'benchOurs1000',
		node: {
			type: 'n8n-nodes-openai-platform.openAiPlatform',
			typeVersion: 1,
			parameters: {
				resource: 'chat',
				operation: 'message',
				modelId: { __rl: true, mode: 'id', value: 'gpt-4o-mini' },
				messages: { values: [{ role: 'user', content: '={{ $json.question }}' }] },
			},
			credentials: { openAiPlatformApi: DEMO_CREDENTIALS.openAiPlatformApi },
		},
	},
];

interface Measurement {
	nodeMs: number;
	perItemMs: number;
	requests: number;
	endpoints: string;
	maxInFlight: number;
}

export async function run(): Promise<void> {
	const home = process.env.E2E_N8N_HOME;
	const tarball = process.env.E2E_TARBALL;
	if (!home || !tarball) {
		console.log('skipped: needs a real n8n and the packed package; run `npm run bench:n8n`');
		return;
	}
	const only = (process.env.BENCH_N8N_ONLY ?? '').split(',').filter(Boolean);
	const contenders = CONTENDERS.filter((c) => only.length === 0 || only.includes(c.key));
	const latencies = process.env.BENCH_N8N_LATENCIES ? process.env.BENCH_N8N_LATENCIES.split(',').map(Number) : LATENCIES;
	const fake = await startFakeOpenAi();
	const work = mkdtempSync(join(tmpdir(), 'oaip-bench-n8n-'));
	try {
		// e.g. BENCH_N8N_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles n8n itself
		const nodeOptions = process.env.BENCH_N8N_NODE_OPTIONS;
		const n8n = new N8n(home, join(work, 'user'), nodeOptions ? { NODE_OPTIONS: nodeOptions } : {});
		await installTarball(tarball, n8n.userFolder);
		await n8n.importCredentials([
			...demoCredentials(fake.url),
			{ ...BUILTIN_CREDENTIAL, type: 'openAiApi', data: { apiKey: FAKE_KEYS.project, url: fake.url } },
		]);
		const folder = join(work, 'workflows');
		mkdirSync(folder);
		for (const contender of contenders) {
			writeFileSync(join(folder, `${contender.key}.json`), JSON.stringify(itemsWorkflow(contender)));
		}
		await n8n.importWorkflows(folder);

		// Each measurement is repeated, the contenders taking turns, and the median run is reported:
		// this machine is shared, and one slow moment should not decide a ratio.
		const repeats = Math.max(1, Number(process.env.BENCH_N8N_REPEAT ?? REPEATS) || REPEATS);
		const runs = new Map<string, Measurement[]>();
		for (const latency of latencies) {
			for (let round = 1; round <= repeats; round++) {
				for (const contender of contenders) {
					const measurement = await measure(n8n, fake, contender, latency);
					const key = `${contender.key}@${latency}`;
					runs.set(key, [...(runs.get(key) ?? []), measurement]);
					console.log(`${contender.label}, ${latency} ms, run ${round}/${repeats}: ${ms(measurement.nodeMs)} (${ms(measurement.perItemMs)} per item), ${measurement.requests} requests (${measurement.endpoints}), at most ${measurement.maxInFlight} in flight`);
				}
			}
		}
		const results = new Map([...runs].map(([key, list]) => [key, median(list)]));
		if (contenders.length === CONTENDERS.length && latencies.join() === LATENCIES.join()) {
			const markdown = report(results);
			writeSection('n8n-side-by-side', markdown);
			console.log(`\n${markdown.split('\n').filter((line) => line.startsWith('- ')).join('\n')}`);
		}
	} finally {
		await fake.stop();
		rmSync(work, { recursive: true, force: true });
	}
}

function itemsWorkflow(contender: Contender): Record<string, unknown> {
	const jsCode = `return Array.from({ length: ${ITEMS} }, (_, i) => ({ json: { question: 'Summarise row ' + i + ': the quick brown fox jumps over the lazy dog.' } }));`;
	return {
		id: contender.workflowId,
		name: `Bench: ${ITEMS} items through ${contender.label}`,
		nodes: [
			{ id: 'b-1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'b-2', name: 'Items', type: 'n8n-nodes-base.code', typeVersion: 2, position: [200, 0], parameters: { jsCode } },
			{ id: 'b-3', name: NODE, position: [400, 0], ...contender.node },
		],
		connections: {
			Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: NODE, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

async function measure(n8n: N8n, fake: FakeOpenAi, contender: Contender, latency: number): Promise<Measurement> {
	fake.setLatency(latency);
	fake.clearRequests();
	const result = await n8n.execute(contender.workflowId, 600_000);
	const task = result.run?.data.resultData.runData[NODE]?.[0];
	const items = task?.data?.main?.[0]?.length ?? 0;
	if (result.code !== 0 || !task || items !== ITEMS) {
		const error = result.run?.data.resultData.error?.message ?? tail(result.stdout + result.stderr);
		throw new Error(`${contender.label} at ${latency} ms: exit ${result.code}, ${items} items: ${error}`);
	}
	const nodeMs = task.executionTime ?? 0;
	const requests = [...fake.requests];
	return { nodeMs, perItemMs: nodeMs / ITEMS, requests: requests.length, endpoints: endpoints(requests), maxInFlight: maxInFlight(requests) };
}

/** A reported measurement: the median run, with the node times of all runs. */
type Reported = Measurement & { runs: number[] };

/** The run with the median node time (the middle one of an odd number of runs). */
export function median(list: Measurement[]): Reported {
	const sorted = [...list].sort((a, b) => a.nodeMs - b.nodeMs);
	return { ...sorted[Math.floor((sorted.length - 1) / 2)], runs: list.map((m) => m.nodeMs) };
}

function endpoints(requests: readonly RequestLogEntry[]): string {
	const counts = new Map<string, number>();
	for (const r of requests) counts.set(`${r.method} ${r.path}`, (counts.get(`${r.method} ${r.path}`) ?? 0) + 1);
	return [...counts].map(([endpoint, count]) => `${endpoint} ×${count}`).join(', ');
}

/** The most requests the fake was serving at one moment (from arrival time and duration). */
export function maxInFlight(requests: readonly RequestLogEntry[]): number {
	const events: Array<[number, number]> = [];
	for (const r of requests) {
		if (r.durationMs === null) continue;
		events.push([r.startedAt, 1], [r.startedAt + r.durationMs, -1]);
	}
	events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	let current = 0;
	let max = 0;
	for (const [, delta] of events) {
		current += delta;
		max = Math.max(max, current);
	}
	return max;
}

function report(results: Map<string, Reported>): string {
	const get = (key: string) => results.get(key) as Reported;
	const rows = LATENCIES.flatMap((latency) =>
		CONTENDERS.map((c) => {
			const m = get(`${c.key}@${latency}`);
			return [c.label, `${latency} ms`, ms(m.nodeMs), m.runs.map((r) => ms(r)).join(', '), ms(m.perItemMs), m.maxInFlight, m.endpoints];
		}),
	);
	const speedup50 = get('builtin@50').perItemMs / get('ours@50').perItemMs;
	const speedup0 = get('builtin@0').perItemMs / get('ours@0').perItemMs;
	const ownCost = get('ours@0').perItemMs;
	return [
		`## Side by side with n8n's built-in OpenAI node, in a real n8n`,
		'',
		`Command: \`npm run bench:n8n\`. ${machineLine()}`,
		'',
		`n8n ${n8nVersionLine()}, both nodes in the same n8n (\`n8n execute\`), ${ITEMS.toLocaleString('en')} items from a Code node, the same fake OpenAI API on 127.0.0.1 with a fixed latency per response. Node time is the node's execution time as n8n records it; each row is the median of ${get('ours@50').runs.length} runs, the two nodes taking turns.`,
		'',
		table(['node', 'latency', `node time, ${ITEMS} items (median)`, 'all runs', 'per item', 'requests in flight at most', 'requests'], rows),
		'',
		`- At 50 ms latency ours is **${speedup50.toFixed(1)}×** faster per item (target ≥ 20× with the default concurrency ${DEFAULT_CONCURRENCY}: ${speedup50 >= 20 ? 'met' : '**missed**'}); at 0 ms ${speedup0.toFixed(1)}×.`,
		`- Our own cost per item (0 ms latency) is ${ms(ownCost)}, ${ratio(ownCost, BUILTIN_OWN_COST_MS)} of the ${BUILTIN_OWN_COST_MS} ms the built-in node spends per item on its own (measured: ${ms(get('builtin@0').perItemMs)}).`,
		`- The built-in node sends one request at a time; ours keeps up to ${DEFAULT_CONCURRENCY} in flight, in input order on output.`,
	].join('\n');
}

function n8nVersionLine(): string {
	return process.env.E2E_N8N_VERSION ?? '2.41.1';
}

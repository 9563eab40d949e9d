/**
 * Issue 5's benchmark: a 90-day backfill of every usage endpoint (and costs) at 1h buckets, grouped
 * by project and model where the endpoint supports them, by the OpenAI Usage Trigger's first poll in
 * n8n's poll machinery (the test harness), against the fake OpenAI API in its own process with 50 ms
 * latency. Requests made vs the fewest pages possible; wall time vs those pages × the latency.
 */
import type { IDataObject } from 'n8n-workflow';

import { maxPageLimit } from '../nodes/usage/endpoints';
import { validateUsageQuery } from '../nodes/usage/validate';
import { WIDTH_SECONDS } from '../nodes/usage/endpoints';
import { FAKE_KEYS } from '../test/fake-openai/keys';
import { createPollSession } from '../test/harness';
import type { WorkflowJson } from '../test/harness';
import { startFakeProcess, type FakeProcess } from './fakeProcess';
import { machineLine, ms, ratio, table, writeSection } from './report';

export const description = 'usage trigger: 90-day backfill of every endpoint at 1h, grouped by project and model, 50 ms latency';

const LATENCY_MS = 50;
const NOW = Date.UTC(2026, 10, 20, 0, 5);
const START = '2026-08-22T00:00:00Z'; // 90 days before 2026-11-20
const TRIGGER = 'OpenAI Usage Trigger';
const PARAMETERS = { queryType: 'all', bucketWidth: '1h', groupBy: ['project_id', 'model'], startTime: START };

function workflow(options: IDataObject): WorkflowJson {
	return {
		name: 'usage backfill',
		nodes: [
			{
				name: TRIGGER,
				type: 'n8n-nodes-openai-platform.openAiUsageTrigger',
				typeVersion: 1,
				parameters: { ...PARAMETERS, options },
				credentials: { openAiAdminApi: { id: 'bench', name: 'bench' } },
			},
		],
		connections: {},
	};
}

/** The fewest pages: per endpoint, its buckets over the largest page its width allows. */
function minimumPages(): { total: number; perEndpoint: Array<[string, number, number]> } {
	const query = validateUsageQuery(PARAMETERS, { startSec: null, endSec: null });
	const nowSec = NOW / 1000;
	const perEndpoint = query.endpoints.map((q): [string, number, number] => {
		const width = WIDTH_SECONDS[q.width];
		const from = Math.floor((query.startSec ?? 0) / width) * width;
		const to = q.endpoint.name === 'costs' ? Math.ceil(nowSec / width) * width : Math.floor(nowSec / width) * width;
		const buckets = (to - from) / width;
		return [q.endpoint.name, buckets, Math.ceil(buckets / maxPageLimit(q.endpoint, q.width))];
	});
	return { total: perEndpoint.reduce((sum, [, , pages]) => sum + pages, 0), perEndpoint };
}

async function backfill(fake: FakeProcess, concurrency: number) {
	await fake.clearRequests();
	const staticData: IDataObject = {};
	const session = createPollSession(workflow({ concurrency }), TRIGGER, {
		staticData,
		credentials: { openAiAdminApi: { apiKey: FAKE_KEYS.admin, url: fake.url } },
		now: () => NOW,
	});
	const started = performance.now();
	const result = await session.poll();
	const wallMs = performance.now() - started;
	const requests = (await fake.requests()).filter((r) => r.path.startsWith('/v1/organization/'));
	return {
		wallMs,
		requests: requests.length,
		failed: requests.filter((r) => r.status !== 200).length,
		items: result.items?.[0].length ?? 0,
		stateKb: JSON.stringify(staticData).length / 1024,
	};
}

export async function run(): Promise<void> {
	const fake = await startFakeProcess();
	try {
		await fake.configure({ latencyMs: 0, logging: true, maxLogEntries: 10_000, clock: { set: NOW } });
		await backfill(fake, 4); // warm-up: module loading and JIT, not reported
		const overhead = await backfill(fake, 1); // 0 ms latency: the cost of everything but the wait
		await fake.configure({ latencyMs: LATENCY_MS });
		const minimum = minimumPages();
		const overheadPerPage = overhead.wallMs / overhead.requests;
		const limitMs = minimum.total * LATENCY_MS;
		const rows: Array<Array<string | number>> = [];
		for (const concurrency of [4, 1]) {
			const result = await backfill(fake, concurrency);
			rows.push([
				`concurrency ${concurrency}${concurrency === 4 ? ' (default)' : ''}`,
				`${result.requests} (${result.failed} failed)`,
				minimum.total,
				ratio(result.requests, minimum.total),
				ms(result.wallMs),
				ms(limitMs),
				ratio(result.wallMs, limitMs),
				result.items.toLocaleString('en'),
				`${result.stateKb.toFixed(1)} KiB`,
			]);
			console.log(rows[rows.length - 1].join(' | '));
		}
		const perEndpoint = minimum.perEndpoint.map(([name, buckets, pages]) => `${name} ${buckets}×${name === 'costs' ? '1d' : '1h'} → ${pages}`).join(', ');
		writeSection(
			'usage-backfill',
			`## Usage trigger: 90-day backfill

\`npm run bench usageBackfill\` (bench/usageBackfill.bench.ts). ${machineLine()}

The OpenAI Usage Trigger's first poll with Query Type *All*, 1h buckets (costs: 1d), grouped by project
and model where the endpoint supports them, Start Time 90 days back: every bucket of every endpoint is
read in one poll. The fake OpenAI API runs **in a child process** (\`node .dev-build/test/fake-openai/main.js\`)
with ${LATENCY_MS} ms latency per response; the trigger runs in n8n's poll machinery (the test harness,
n8n-core's PollContext, n8n's HTTP helper), in this process.

- **Minimum pages**: per endpoint, its buckets divided by the largest page its width allows (1h: 168,
  costs 1d: 180): ${perEndpoint}.
- **Limit**: minimum pages × latency, i.e. reading them one after another with zero overhead. Pages are
  independent time chunks (explicit start/end per chunk), so the trigger reads several at once; a
  ratio below 1× is that concurrency.
- **Overhead** (the same backfill at 0 ms latency, concurrency 1): ${ms(overhead.wallMs)} for ${overhead.requests}
  pages, ${ms(overheadPerPage)} per page: n8n's HTTP helper (a new connection per request), the SDK,
  parsing pages of several hundred grouped results, the fake computing them, and turning
  ${overhead.items.toLocaleString('en')} results into rows once each.

${table(['Run', 'Requests', 'Minimum pages', 'Requests / minimum', 'Wall time', 'Pages × latency', 'Wall / limit', 'Items emitted', 'Stored state'], rows)}`,
		);
	} finally {
		await fake.stop();
	}
}

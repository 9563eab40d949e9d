/**
 * Issue 12, "rate limits with many workers": two processes (as two n8n queue-mode workers) run the
 * same 1,000-item chat workflow at once against one organization's rate limit (the fake, in a third
 * process, 1,200 requests/min shared by the key, empty at the start). Measured at the fake: the
 * combined accepted rate vs the granted rate, 429s, failed items.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { startFakeProcess } from './fakeProcess';
import { machineLine, ms, table, writeSection } from './report';

export const description = 'two worker processes sharing one rate limit (1,200 RPM, 2 × 1,000 chat items)';

const RPM = 1_200;
const ITEMS = 1_000;
const WORKERS = 2;

interface WorkerResult {
	status: string;
	items: number;
	failed: number;
	startedAt: number;
	endedAt: number;
	error?: string;
}

function startWorker(url: string): Promise<WorkerResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [join(__dirname, 'rateLimitWorker.js')], {
			env: { ...process.env, FAKE_URL: url, ITEMS: String(ITEMS) },
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.once('exit', (code) => {
			const line = out.trim().split('\n').pop() ?? '';
			if (code !== 0) return reject(new Error(`worker exited ${code}: ${out.slice(-500)}`));
			resolve(JSON.parse(line) as WorkerResult);
		});
	});
}

export async function run(): Promise<void> {
	const fake = await startFakeProcess();
	try {
		await fake.configure({ latencyMs: 20, rateLimit: { rpm: RPM, initialFill: 0 }, logging: true, maxLogEntries: 100_000 });
		await fake.clearRequests();
		const results = await Promise.all(Array.from({ length: WORKERS }, () => startWorker(fake.url)));
		const log = (await fake.requests()).filter((r) => r.path === '/v1/chat/completions');
		const accepted = log.filter((r) => r.status === 200);
		const rejected = log.filter((r) => r.status === 429).length;
		const first = Math.min(...log.map((r) => r.startedAt));
		const last = Math.max(...accepted.map((r) => r.startedAt));
		const granted = RPM / 60;
		const achieved = accepted.length / ((last - first) / 1000);
		const failed = results.reduce((sum, r) => sum + r.failed, 0);
		const wall = Math.max(...results.map((r) => r.endedAt)) - Math.min(...results.map((r) => r.startedAt));
		const ideal = ((WORKERS * ITEMS) / granted) * 1000;
		const share = results.map((r, i) => `worker ${i + 1}: ${ms(r.endedAt - r.startedAt)}`).join(', ');
		const summary = `Two processes at once against ${RPM.toLocaleString('en')} RPM: ${((achieved / granted) * 100).toFixed(1)} % of the granted rate, ${failed} failed items of ${WORKERS * ITEMS}, ${rejected} 429s met (${((rejected / log.length) * 100).toFixed(1)} % of requests).`;
		console.log(summary);
		writeSection(
			'shared-rate-limit',
			`## Two workers sharing one rate limit (issue 12)

Command: \`npm run bench sharedRateLimit\` — ${machineLine()} Three processes: the fake OpenAI API with
${RPM.toLocaleString('en')} requests/min for the key (token bucket, empty at the start, 20 ms latency), and two
processes that each run the same ${ITEMS.toLocaleString('en')}-item Chat → Message a model workflow through n8n's engine at
once, as two queue-mode workers would (same credential, no shared state between them). Figures from the
fake's request log.

${table(
	['measure', 'value', 'note'],
	[
		['granted rate', `${granted.toFixed(2)} req/s`, `${RPM} RPM shared by both processes`],
		['combined accepted rate', `${achieved.toFixed(2)} req/s`, `${((achieved / granted) * 100).toFixed(1)} % of granted (target ≥ 90 %)`],
		['429 responses met', rejected, `of ${log.length} requests; each retried after retry-after-ms`],
		['failed items', failed, `of ${WORKERS * ITEMS}`],
		['wall time, both done', ms(wall), `ideal ${WORKERS} × ${ITEMS} / rate = ${ms(ideal)}; ${share}`],
	],
)}

${summary}`,
		);
	} finally {
		await fake.stop();
	}
}

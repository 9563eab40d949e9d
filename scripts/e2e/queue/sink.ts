import assert from 'node:assert/strict';

import { FAKE_KEYS, type FakeOpenAi } from '../../../test/fake-openai';
import type { PlannedExample } from '../cliExamples';
import { sinkExpectation } from '../expectations/usage';
import { N8nRest } from '../n8nRest';
import { sleep, waitFor } from '../process';
import type { Report } from '../report';
import { RunView } from '../runView';
import { usageTriggerNodes, withTriggerParameters } from '../usageTriggerWorkflow';
import type { ExampleWorkflow } from '../examples';
import type { QueueCluster, QueueServices } from './cluster';
import { publish } from './publish';
import type { Sql } from './sql';
import { FINISHED } from './workerExamples';

export const SINK_EXAMPLE = 'usage-rows-into-postgres';
const TABLE = 'openai_usage_rows';
const USAGE_PATH = '/v1/organization/usage/completions';
/** Buckets settle this long after they close (the fake's late reporting, shortened from 15 min). */
const REVISION_DELAY_S = 60;
/** Per page while the backfill runs: the 2-day+ 1m backfill (3 pages) cannot fit one durable poll's ~36 s. */
const SLOW_PAGE_MS = 15_000;
/** A probe, not CI: the worker is killed (-9) instead of stopped in the middle of an execution. */
const WORKER_CRASH = process.env.E2E_QUEUE_WORKER_KILL === '1';

/** Four poll times, every 15 s (n8n refuses sub-minute crons; each poll time is its own scheduler job). */
const SINK_POLL_TIMES = [0, 15, 30, 45].map((second) => ({ mode: 'custom', cronExpression: `${second} * * * * *` }));

/**
 * The sink example as the e2e imports it: polls every 15 s, and one request at a time (Concurrency 1),
 * so the 3-page backfill at 15 s a page (45 s) cannot fit one durable poll's ~36 s budget.
 */
export function sinkWorkflow(workflow: ExampleWorkflow): ExampleWorkflow {
	return withTriggerParameters(workflow, (parameters) => ({
		...parameters,
		pollTimes: { item: SINK_POLL_TIMES },
		options: { ...(parameters.options as object), concurrency: 1 },
	}));
}

export interface SinkPhase {
	cluster: QueueCluster;
	rest: N8nRest;
	fake: FakeOpenAi;
	sql: Sql;
	report: Report;
	planned: PlannedExample;
	services: QueueServices;
	workers: string[];
}

interface Figures {
	mainKills: number;
	workerStops: number;
	pollTimeouts: number;
	/** scheduler tasks run a second time (attempts > 1) */
	repeatedReads: number;
}

/**
 * The exactly-once proof at a sink: the usage trigger on the main, n8n's Postgres node on the workers
 * upserting on rowKey, and disruptions — kill -9 of the main in the middle of a (slow) poll, a backfill
 * longer than the durable poll budget, a second kill in the middle of a scheduled poll (the poll then
 * runs again), a worker stopped in the middle of an execution. At the end the table equals the fake's
 * settled usage per bucket: nothing lost, nothing counted twice.
 */
export async function runSinkPhase(phase: SinkPhase): Promise<void> {
	const { cluster, rest, fake, sql, report, planned } = phase;
	const workflowId = planned.example.workflow.id as string;
	const figures: Figures = { mainKills: 0, workerStops: 0, pollTimeouts: 0, repeatedReads: 0 };
	const usageReads = (): number => fake.requests.filter((r) => r.path === USAGE_PATH).length;
	const name = (what: string): string => `sink ${SINK_EXAMPLE}: ${what}`;
	let session = rest;
	let killedTasks: PollTask[] = [];

	fake.reset();
	fake.org.usage.setRevisionDelay(REVISION_DELAY_S);
	// usage in every minute from this hour on: the worker stop below waits for a new minute's rows, which a
	// quiet hour of the synthetic usage (a weekend afternoon) did not bring within 120 s
	fake.org.usage.setBusyFrom(Date.now() / 1000);
	await sql.query(`DROP TABLE IF EXISTS ${TABLE}`);
	await sql.query(
		`CREATE TABLE ${TABLE} (row_key text PRIMARY KEY, bucket_start bigint NOT NULL, bucket_start_iso text, num_model_requests bigint, input_tokens bigint, output_tokens bigint, revision int, change_type text)`,
	);
	// the example's Start Time, as n8n evaluates it at activation
	const day = 86_400;
	const startTime = Math.floor(Date.now() / 1000 / day) * day - 2 * day;

	const killed = await report.check(name('kill -9 of the main in the middle of the activation backfill (slow pages), restart'), async () => {
		fake.setLatency(SLOW_PAGE_MS);
		const before = usageReads();
		const publishing = publish(rest, workflowId).catch((error: Error) => error);
		await waitFor('the trigger to ask the fake for a page', async () => (usageReads() > before ? true : undefined), 60_000, 100);
		await sleep(SLOW_PAGE_MS / 3); // the page is being served: the poll is in the middle
		await cluster.main?.kill();
		figures.mainKills++;
		const answer = await publishing;
		const executionsBefore = await countExecutions(sql, workflowId);
		await cluster.startMain();
		session = await signedIn(cluster);
		const active = await sql.query<{ active: boolean }>('SELECT active FROM workflow_entity WHERE id = $1', [workflowId]);
		if (!active[0]?.active) await publish(session, workflowId); // killed before the publication was committed
		return `killed ${SLOW_PAGE_MS / 3000} s into a ${SLOW_PAGE_MS / 1000} s page; executions before the kill: ${executionsBefore}; publish call: ${answer instanceof Error ? 'cut off by the kill' : 'answered'}; published after restart: ${active[0]?.active ? 'yes' : 'published again'}`;
	});
	if (!killed) return;

	await report.check(name(`the backfill that does not fit one durable poll (${SLOW_PAGE_MS / 1000} s pages, 3 pages) is delivered`), async () => {
		const t0 = Date.now();
		const target = Math.floor(Date.now() / 1000 / 60) * 60 - 10 * 60;
		await waitFor(
			`the table to reach ${new Date(target * 1000).toISOString()}`,
			async () => {
				const [{ max }] = await sql.query<{ max: string | null }>(`SELECT max(bucket_start) AS max FROM ${TABLE}`);
				return max !== null && Number(max) >= target ? true : undefined;
			},
			240_000,
			2_000,
		);
		figures.pollTimeouts = countMatches(cluster, /Poll exceeded its timeout and was abandoned/g);
		const polls = usagePolls(cluster);
		const activationPolls = cluster.mainLogs().map((log) => log.match(/Poll trigger initiated for workflow "Usage: usage rows into PostgreSQL/g)?.length ?? 0);
		return `delivered in ${((Date.now() - t0) / 1000).toFixed(0)} s; activation polls per main start: ${activationPolls.join(', ')}; trigger polls on the main: ${polls.map((p) => `${p.emitted} rows`).join(', ')}; polls abandoned at the 45 s poll timeout: ${figures.pollTimeouts}`;
	});
	fake.setLatency(0);

	await report.check(name('kill -9 of the main in the middle of a scheduled poll, restart'), async () => {
		fake.setLatency(6_000);
		const before = usageReads();
		await waitFor('a scheduled poll to ask for a page', async () => (usageReads() > before ? true : undefined), 60_000, 100);
		const inFlight = fake.requests.filter((r) => r.path === USAGE_PATH).at(-1);
		await sleep(2_000);
		await cluster.main?.kill();
		figures.mainKills++;
		fake.setLatency(0);
		// the scheduler's record of the polls the dead main had claimed (read before any main can touch it)
		killedTasks = await pollTasks(sql, workflowId, `status = 'running'`);
		await cluster.startMain();
		session = await signedIn(cluster);
		return `killed with a page (start_time ${String(inFlight?.query.start_time)}) of a scheduled poll in flight, restarted; its claimed tasks: ${killedTasks.map(describeTask).join('; ') || 'none'}`;
	});

	await report.check(name('a worker stopped in the middle of an execution (its upsert held by a table lock), started again'), async () => {
		await sql.query('BEGIN'); // the driver's connection holds the lock until COMMIT
		await sql.query(`LOCK TABLE ${TABLE} IN ACCESS EXCLUSIVE MODE`);
		let held: { executionId: string; worker: string } | undefined;
		let stopping: Promise<void> | undefined;
		try {
			held = await waitFor(
				'an execution of the sink to start on a worker and wait for the table',
				async () => {
					const running = await sql.query<{ id: string }>(`SELECT id::text AS id FROM execution_entity WHERE "workflowId" = $1 AND status = 'running'`, [workflowId]);
					for (const { id } of running) {
						const worker = cluster.workerOf(id);
						if (worker) return { executionId: id, worker };
					}
					return undefined;
				},
				120_000,
				500,
			);
			// SIGTERM: n8n's graceful shutdown waits for running jobs (N8N_GRACEFUL_SHUTDOWN_TIMEOUT, 30 s).
			// E2E_QUEUE_WORKER_KILL=1: kill -9 instead (a crash; n8n does not retry the job: maxStalledCount 0)
			stopping = WORKER_CRASH ? cluster.worker(held.worker).kill() : cluster.worker(held.worker).stop(45_000);
			figures.workerStops++;
			await sleep(3_000);
		} finally {
			await sql.query('COMMIT');
		}
		await stopping;
		await cluster.startWorker(held.worker);
		const status = await waitFor(`execution ${held.executionId} to finish`, async () => finishedStatus(sql, held!.executionId), WORKER_CRASH ? 150_000 : 60_000, 500).catch(
			(error: Error) => (WORKER_CRASH ? `still unfinished (${error.message})` : Promise.reject(error)),
		);
		if (WORKER_CRASH) return `execution ${held.executionId} on ${held.worker}: the worker was killed (-9) while it waited; the execution: ${status}`;
		assert.equal(status, 'success', `the execution held while its worker stopped ended ${status}`);
		return `execution ${held.executionId} on ${held.worker}: the worker was stopped (SIGTERM) while it waited, finished it (${status}), exited, and started again`;
	});

	const rerun = name("the poll killed with the main: the durable scheduler ends its task after the lease (re-claimed, run a second time)");
	if (killedTasks.length === 0) {
		report.skip(rerun, 'SKIPPED (the dead main held no running poll task of the workflow: the kill hit no scheduled poll this time)');
	} else {
		await report.check(rerun, async () => {
			// the scheduler's record of those polls: their lease died with the main; once it expires the reaper
			// re-claims a task not yet dispatched (epoch + 1) and it runs again (+ 1; n8n counts the attempt)
			const ids = killedTasks.map((t) => t.id);
			const ended = await waitFor(
				`the scheduler to end the killed main's poll tasks ${ids.join(', ')} (lease 60 s, reaper every 30 s)`,
				async () => {
					const rows = await pollTasks(sql, workflowId, `id::text = ANY($2)`, [ids]);
					return rows.every((t) => t.finishedAt !== null) ? rows : undefined;
				},
				240_000,
				1_000,
			).catch(async (error: Error) => {
				const rows = await pollTasks(sql, workflowId, `id::text = ANY($2)`, [ids]);
				throw new Error(`${error.message}; now: ${rows.map(describeTask).join('; ') || 'rows gone'}`);
			});
			const ranAgain = ended.filter((t) => Number(t.leaseEpoch) >= Number(killedTasks.find((k) => k.id === t.id)!.leaseEpoch) + 2);
			figures.repeatedReads += ranAgain.length;
			// anything else (completed after dispatch, dead-lettered, withdrawn) is n8n's to decide: said, not failed
			const gone = ids.filter((id) => !ended.some((t) => t.id === id)).map((id) => `task ${id} gone (withdrawn by n8n)`);
			return `${ranAgain.length ? 'run a second time' : 'NOT run again'}: ${[...ended.map(describeTask), ...gone].join('; ')}`;
		});
	}

	await report.check(name('the table equals the fake\'s settled usage per bucket: 0 lost, 0 double-counted'), async () => {
		// buckets closed more than the revision delay ago are settled; wait for polls that read them settled
		const cut = Math.floor(Date.now() / 1000 / 60) * 60 - 2 * 60;
		await sleep(Math.max(0, (cut + REVISION_DELAY_S + 15) * 1000 - Date.now()));
		await waitFor('the sink executions to finish', async () => ((await unfinished(sql, workflowId)) === 0 ? true : undefined), 60_000, 500);
		await sleep(2_000);
		const truth = await settledTruth(fake, startTime, cut);
		const table = await sql.query<{ row_key: string; bucket_start: string; num_model_requests: string; input_tokens: string }>(
			`SELECT row_key, bucket_start::text, num_model_requests::text, input_tokens::text FROM ${TABLE} WHERE bucket_start >= $1 AND bucket_start < $2`,
			[startTime, cut],
		);
		const rowsPerBucket = new Map<number, typeof table>();
		for (const row of table) rowsPerBucket.set(Number(row.bucket_start), [...(rowsPerBucket.get(Number(row.bucket_start)) ?? []), row]);
		const lost: string[] = [];
		const doubled: string[] = [];
		for (const [bucket, want] of truth) {
			const rows = rowsPerBucket.get(bucket) ?? [];
			const requests = rows.reduce((sum, row) => sum + Number(row.num_model_requests), 0);
			const tokens = rows.reduce((sum, row) => sum + Number(row.input_tokens), 0);
			if (rows.length > 1 || requests > want.requests || tokens > want.inputTokens) doubled.push(`${bucket}: ${rows.length} rows, ${requests}/${want.requests} requests`);
			else if (requests < want.requests || tokens < want.inputTokens) lost.push(`${bucket}: ${requests}/${want.requests} requests, ${tokens}/${want.inputTokens} input tokens`);
		}
		for (const [bucket, rows] of rowsPerBucket) {
			if (!truth.has(bucket) && rows.some((row) => Number(row.num_model_requests) !== 0)) doubled.push(`${bucket}: in the table, not in the fake`);
		}
		const executions = await sinkExecutions(session, workflowId);
		const emitted = new Map<string, number>();
		let rowsEmitted = 0;
		const triggerName = usageTriggerNodes(planned.example.workflow)[0].name;
		for (const run of executions.runs) {
			for (const row of run.json(triggerName)) {
				rowsEmitted++;
				const key = `${String(row.rowKey)}#${String(row.revision)}`;
				emitted.set(key, (emitted.get(key) ?? 0) + 1);
			}
		}
		sinkExpectation({ runs: executions.runs, triggerName, requests: [...fake.requests], fake });
		const duplicateEmissions = [...emitted.values()].filter((n) => n > 1).length;
		const perWorker = phase.workers.map((w) => `${w}: ${executions.ids.filter((id) => cluster.workerOf(id) === w).length}`);
		const notOnWorker = executions.ids.filter((id) => !cluster.workerOf(id));
		const summary = [
			`executions: ${executions.ids.length} (${perWorker.join(', ')}${notOnWorker.length ? `, NOT on a worker: ${notOnWorker.join(' ')}` : ''}); not successful: ${executions.failed.length}${executions.failed.length ? ` (${executions.failed.slice(0, 3).join('; ')})` : ''}`,
			`buckets with usage (fake, settled): ${truth.size}; table rows in the window: ${table.length}; rows emitted: ${rowsEmitted}`,
			`row revisions emitted more than once: ${duplicateEmissions} (absorbed by the rowKey upsert); most backfill polls that read from the same committed position (overlapping polls of the poll times' scheduler jobs): ${samePositionPolls(cluster)}`,
			`kills of the main survived: ${figures.mainKills}; workers stopped mid-execution: ${figures.workerStops}; polls abandoned at the timeout: ${figures.pollTimeouts}; polls run twice by the scheduler (task re-claimed after a kill): ${figures.repeatedReads}`,
			`lost: ${lost.length}; double-counted: ${doubled.length}`,
		];
		console.log(`[sink figures]\n  ${summary.join('\n  ')}`);
		assert.equal(notOnWorker.length, 0, `executions not run by a worker: ${notOnWorker.join(', ')}`);
		assert.deepEqual(lost.slice(0, 10), [], `lost buckets (${lost.length})`);
		assert.deepEqual(doubled.slice(0, 10), [], `double-counted buckets (${doubled.length})`);
		assert.ok(truth.size > 0, 'the fake had usage in the window');
		return summary.join('\n');
	});
	await session.post(`/workflows/${workflowId}/deactivate`, {}).catch(() => undefined);
}

interface PollTask {
	id: string;
	status: string;
	attempts: number;
	leaseEpoch: string;
	finishedAt: string | null;
	errorMessage: string | null;
}

/** The durable scheduler's poll tasks of the workflow that match `where` ($1 is the workflow ID). */
async function pollTasks(sql: Sql, workflowId: string, where: string, params: unknown[] = []): Promise<PollTask[]> {
	return await sql.query<PollTask>(
		`SELECT id::text AS id, status, attempts, "leaseEpoch"::text AS "leaseEpoch", "finishedAt"::text AS "finishedAt", "errorMessage" FROM scheduled_task WHERE payload::jsonb->>'workflowId' = $1 AND ${where} ORDER BY id`,
		[workflowId, ...params],
	);
}

const describeTask = (t: PollTask): string =>
	`task ${t.id} ${t.status}, attempts ${t.attempts}, lease epoch ${t.leaseEpoch}${t.errorMessage ? ` (${t.errorMessage})` : ''}`;

/** A new session with the restarted main. */
async function signedIn(cluster: QueueCluster): Promise<N8nRest> {
	if (!cluster.main) throw new Error('the main is not running');
	const session = new N8nRest(cluster.main.url, cluster.home);
	await session.signIn();
	return session;
}

function countMatches(cluster: QueueCluster, pattern: RegExp): number {
	return cluster.mainLogs().reduce((sum, log) => sum + (log.match(pattern)?.length ?? 0), 0);
}

/** The trigger's own debug line per poll of the sink ("OpenAI usage poll": rows emitted, the window read). */
function usagePolls(cluster: QueueCluster): Array<{ emitted: number; window: string }> {
	const polls: Array<{ emitted: number; window: string }> = [];
	for (const log of cluster.mainLogs()) {
		for (const match of log.matchAll(/OpenAI usage poll.*?"emitted": (\d+), "endpoints": "(completions: [^"]*)"/g)) polls.push({ emitted: Number(match[1]), window: match[2] });
	}
	return polls;
}

/** The most polls that emitted rows read from one and the same committed position (overlapping polls). */
function samePositionPolls(cluster: QueueCluster): number {
	const counts = new Map<string, number>();
	for (const poll of usagePolls(cluster).filter((p) => p.emitted > 100)) counts.set(poll.window, (counts.get(poll.window) ?? 0) + 1);
	return Math.max(0, ...counts.values());
}

async function countExecutions(sql: Sql, workflowId: string): Promise<number> {
	const [{ count }] = await sql.query<{ count: string }>('SELECT count(*)::text AS count FROM execution_entity WHERE "workflowId" = $1', [workflowId]);
	return Number(count);
}

async function unfinished(sql: Sql, workflowId: string): Promise<number> {
	const [{ count }] = await sql.query<{ count: string }>(
		`SELECT count(*)::text AS count FROM execution_entity WHERE "workflowId" = $1 AND status IN ('new', 'running', 'waiting')`,
		[workflowId],
	);
	return Number(count);
}

async function finishedStatus(sql: Sql, executionId: string): Promise<string | undefined> {
	const [row] = await sql.query<{ status: string }>('SELECT status FROM execution_entity WHERE id = $1', [executionId]);
	return row && FINISHED(row.status) ? row.status : undefined;
}

/** The sink's finished executions: the successful ones' runs, and the others' id, status and error. */
async function sinkExecutions(rest: N8nRest, workflowId: string): Promise<{ ids: string[]; runs: RunView[]; failed: string[] }> {
	const summaries = (await rest.executions(workflowId)).filter((e) => FINISHED(e.status)).sort((a, b) => Number(a.id) - Number(b.id));
	const runs: RunView[] = [];
	const failed: string[] = [];
	for (const summary of summaries) {
		const run = new RunView(await rest.executionRun(summary.id));
		if (run.status === 'success') runs.push(run);
		else failed.push(`${summary.id} ${run.status ?? summary.status}: ${run.error ?? ''}`);
	}
	return { ids: summaries.map((s) => s.id), runs, failed };
}

/** The fake's completions usage per 1m bucket in [from, to), read directly with the admin key. */
async function settledTruth(fake: FakeOpenAi, from: number, to: number): Promise<Map<number, { requests: number; inputTokens: number }>> {
	const truth = new Map<number, { requests: number; inputTokens: number }>();
	let page: string | undefined;
	for (let guard = 0; guard < 100; guard++) {
		const query = new URLSearchParams({ start_time: String(from), end_time: String(to), bucket_width: '1m', limit: '1440' });
		if (page) query.set('page', page);
		const response = await fetch(`${fake.url}/organization/usage/completions?${query}`, { headers: { authorization: `Bearer ${FAKE_KEYS.admin}` } });
		assert.equal(response.status, 200, `the fake's usage: ${response.status}`);
		const body = (await response.json()) as {
			data: Array<{ start_time: number; results: Array<{ num_model_requests: number; input_tokens: number }> }>;
			has_more: boolean;
			next_page: string | null;
		};
		for (const bucket of body.data) {
			const requests = bucket.results.reduce((sum, r) => sum + r.num_model_requests, 0);
			const inputTokens = bucket.results.reduce((sum, r) => sum + r.input_tokens, 0);
			if (requests > 0 || inputTokens > 0) truth.set(bucket.start_time, { requests, inputTokens });
		}
		if (!body.has_more || !body.next_page) return truth;
		page = body.next_page;
	}
	throw new Error('the fake kept paging');
}

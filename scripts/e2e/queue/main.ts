/**
 * The queue-mode e2e (`npm run test:e2e:queue` → scripts/e2e/queue/run.sh → this): the packed package
 * in n8n's distributed mode — PostgreSQL, Redis, one main (`n8n start`) and two `n8n worker`s, the
 * durable scheduler with durable cursors. Every example runs on the workers; the usage trigger polls
 * on the main; the PostgreSQL sink survives kills (sink.ts).
 * Needs E2E_N8N_HOME, E2E_WORK, E2E_PG_PORT, E2E_REDIS_PORT, E2E_PID_FILE (set by run.sh).
 * Arguments: example names to run only those.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { startFakeOpenAi } from '../../../test/fake-openai';
import { planExamples, type PlannedExample } from '../cliExamples';
import { demoCredentials, demoPostgresCredential } from '../credentials';
import { loadExamples, readPackageCatalog } from '../examples';
import { runLocalInstallRecipe } from '../localInstall';
import { N8nRest } from '../n8nRest';
import { EXAMPLES_DIR, REPO } from '../paths';
import { stopChildrenOnSignal } from '../process';
import { Report } from '../report';
import { STOP_UPLOAD_CHECK, STOP_UPLOAD_WORKFLOW_ID, stopMidUpload, stopUploadWorkflow } from '../stopUpload';
import { checkTriggerExample } from '../usageTrigger';
import { checkWebhookExample } from '../webhookTrigger';
import { QueueCluster } from './cluster';
import { publish } from './publish';
import { emptyStartWorkflow, startEmptyStartPhase } from './emptyStart';
import { runSharedRateLimitPhase, sharedRateLimitWorkflow } from './sharedRateLimit';
import { runSinkPhase, SINK_EXAMPLE, sinkWorkflow } from './sink';
import { Sql } from './sql';
import { FINISHED, runExampleOnWorkers } from './workerExamples';

const WORKERS = ['worker-1', 'worker-2'];

/**
 * Examples the CI run leaves to the single-process e2e, with the reason (named on the command line,
 * they run here too): time, to keep CI well under 30 minutes.
 */
const QUEUE_SKIPS: Record<string, string> = {
	'batch-120k-split':
		'2 minutes here, mostly reading its 240,000 items of run data (100+ MB) back through the REST API; it ran on a worker when measured (docs/SCALING.md) and the single-process e2e checks it every run; `npm run test:e2e:queue -- batch-120k-split` runs it',
};

function required(name: string): string {
	const value = process.env[name];
	if (!value) throw new Error(`${name} is not set (run this through scripts/e2e/queue/run.sh)`);
	return value;
}

async function main(): Promise<number> {
	const home = required('E2E_N8N_HOME');
	const work = required('E2E_WORK');
	const services = { pgPort: Number(required('E2E_PG_PORT')), redisPort: Number(required('E2E_REDIS_PORT')) };
	const only = process.argv.slice(2);
	const report = new Report();
	const fake = await startFakeOpenAi();
	const cluster = new QueueCluster(home, work, services, required('E2E_PID_FILE'));
	stopChildrenOnSignal(async () => {
		await cluster.stopAll();
		await fake.stop();
	});
	report.step(`fake OpenAI API at ${fake.url}; PostgreSQL 127.0.0.1:${services.pgPort}, Redis 127.0.0.1:${services.redisPort}`);
	const sql = await Sql.connect(home, services.pgPort);
	try {
		const installed = await report.check("the packed tarball installed by the README's recipe into the main's ~/.n8n/nodes, copied to each worker's", async () => {
			const recipe = await runLocalInstallRecipe(cluster.n8n.userFolder);
			for (const name of WORKERS) cluster.addWorker(name);
			return `${recipe.dir} (+ ${WORKERS.length} worker user folders)`;
		});
		if (!installed) return 1;

		const catalog = readPackageCatalog(REPO);
		const examples = loadExamples(EXAMPLES_DIR).filter((e) => only.length === 0 || only.includes(e.name));
		const plan = planExamples(examples, catalog, report, { postgres: true });
		const sink = plan.server.filter((p) => p.example.name === SINK_EXAMPLE);
		const triggers = plan.server.filter((p) => p.example.name !== SINK_EXAMPLE);

		const importDir = join(work, 'workflows');
		mkdirSync(importDir, { recursive: true });
		for (const planned of sink) planned.workflow = sinkWorkflow(planned.workflow);
		for (const { example, workflow } of plan.importable) writeFileSync(join(importDir, `${example.name}.json`), JSON.stringify(workflow));
		const rateLimited = only.length === 0 || only.includes('shared-rate-limit');
		if (rateLimited) writeFileSync(join(importDir, 'shared-rate-limit.json'), JSON.stringify(sharedRateLimitWorkflow()));
		const emptyStart = only.length === 0 || only.includes('empty-start-time');
		if (emptyStart) writeFileSync(join(importDir, 'empty-start-time.json'), JSON.stringify(emptyStartWorkflow()));
		const stopUpload = only.length === 0 || only.includes(STOP_UPLOAD_CHECK);
		if (stopUpload) writeFileSync(join(importDir, 'stop-upload.json'), JSON.stringify(stopUploadWorkflow()));
		const imported = await report.check('credentials and example workflows import into PostgreSQL (n8n import:credentials / import:workflow)', async () => {
			await cluster.n8n.importCredentials([...demoCredentials(fake.url), demoPostgresCredential(services.pgPort)]);
			if (plan.importable.length > 0 || rateLimited || emptyStart || stopUpload) await cluster.n8n.importWorkflows(importDir);
			const extra = [rateLimited ? 'shared-rate-limit' : '', emptyStart ? 'empty-start-time' : '', stopUpload ? STOP_UPLOAD_CHECK : ''].filter(Boolean);
			return `${plan.importable.length} workflow(s)${extra.length > 0 ? ` + ${extra.join(', ')}` : ''}`;
		});
		if (!imported) return 1;

		const started = await report.check('n8n main (EXECUTIONS_MODE=queue, durable scheduler + cursors) and two workers start', async () => {
			const t0 = Date.now();
			await cluster.startMain();
			await Promise.all(WORKERS.map((name) => cluster.startWorker(name)));
			const health = await Promise.all(WORKERS.map(async (name) => (await fetch(`${cluster.worker(name).url}/healthz`)).status));
			assert.deepEqual(health, WORKERS.map(() => 200), 'each worker answers its health check');
			return `main ${cluster.main?.url}, workers' health checks ${WORKERS.map((n) => cluster.worker(n).url).join(', ')} (${((Date.now() - t0) / 1000).toFixed(1)} s)`;
		});
		if (!started || !cluster.main) return 1;
		const rest = new N8nRest(cluster.main.url, home);
		await rest.signIn();

		const context = { cluster, rest, fake, sql, report };
		// published first and checked last, so that its minutes of waiting overlap everything else; its
		// first scheduled poll (within a minute) has committed long before the sink phase kills the main
		const checkEmptyStart = emptyStart ? await startEmptyStartPhase(context) : undefined;
		for (const entry of plan.cli) {
			const skip = only.includes(entry.example.name) ? undefined : QUEUE_SKIPS[entry.example.name];
			if (skip) report.skip(`example ${entry.example.name} (manual run offloaded to a worker)`, `SKIPPED: ${skip}`);
			else await runExampleOnWorkers(entry, context);
		}

		for (const planned of plan.webhook) {
			await publish(rest, planned.example.workflow.id as string);
			await report.check(`example ${planned.example.name} (published; signed events posted to the main, run by a worker)`, async () => {
				const detail = await checkWebhookExample(planned, cluster.main!.url, rest, fake);
				return `${detail}; ${await workersOf(planned, rest, cluster)}`;
			});
		}
		if (stopUpload) {
			fake.reset();
			await publish(rest, STOP_UPLOAD_WORKFLOW_ID);
			await report.check('Stop on the main during an upload in parts run by a worker: the upload is cancelled at OpenAI', async () => {
				const { detail, executionId } = await stopMidUpload(cluster.main!.url, rest, fake);
				await rest.post(`/workflows/${STOP_UPLOAD_WORKFLOW_ID}/deactivate`, {});
				const worker = cluster.workerOf(executionId);
				assert.ok(worker, `execution ${executionId} ran on a worker`);
				return `${detail}; on ${worker}`;
			});
		}
		for (const planned of triggers) {
			fake.reset();
			await publish(rest, planned.example.workflow.id as string);
			await report.check(`example ${planned.example.name} (published; polled on the main by the durable scheduler, run by workers)`, async () => {
				const detail = await checkTriggerExample(planned, rest, fake);
				await rest.post(`/workflows/${planned.example.workflow.id}/deactivate`, {});
				return `${detail}; ${await workersOf(planned, rest, cluster)}`;
			});
		}
		for (const planned of sink) await runSinkPhase({ ...context, planned, services, workers: WORKERS });
		if (rateLimited) await runSharedRateLimitPhase(context);
		if (checkEmptyStart) await checkEmptyStart();

		const busy = new Set(cluster.workerJobs().map((job) => job.worker));
		if (only.length > 0 && busy.size < WORKERS.length) {
			report.skip('both workers took work', `SKIPPED (only ${only.join(', ')} asked for; ${cluster.workerJobs().length} execution(s))`);
			return report.failed > 0 ? 1 : 0;
		}
		await report.check('every execution ran on a worker, and both workers took work', async () => {
			const jobs = cluster.workerJobs();
			const perWorker = WORKERS.map((name) => `${name}: ${new Set(jobs.filter((j) => j.worker === name).map((j) => j.executionId)).size}`);
			for (const name of WORKERS) assert.ok(jobs.some((j) => j.worker === name), `${name} ran no execution (${perWorker.join(', ')})`);
			assert.ok(!cluster.mainLogs().some((log) => /Worker started execution/.test(log)), 'the main ran no execution itself');
			return `executions per worker: ${perWorker.join(', ')}`;
		});
		return report.failed > 0 ? 1 : 0;
	} catch (error) {
		report.add({ name: 'queue e2e run', outcome: 'FAIL', detail: error instanceof Error ? (error.stack ?? error.message) : String(error), ms: 0 });
		return 1;
	} finally {
		await cluster.stopAll();
		await sql.close().catch(() => undefined);
		await fake.stop();
		console.log(report.summary());
	}
}

/** The finished executions of a workflow and the worker each ran on. */
async function workersOf({ example }: PlannedExample, rest: N8nRest, cluster: QueueCluster): Promise<string> {
	const finished = (await rest.executions(example.workflow.id as string)).filter((e) => FINISHED(e.status));
	const on = finished.map((e) => `${e.id}→${cluster.workerOf(e.id) ?? 'NO WORKER'}`);
	const missing = on.filter((entry) => entry.endsWith('NO WORKER'));
	if (missing.length > 0) throw new Error(`executions not run by a worker: ${missing.join(', ')}`);
	return `on workers: ${on.join(', ')}`;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);

import assert from 'node:assert/strict';
import { join } from 'node:path';

import type { FakeOpenAi } from '../../test/fake-openai';
import type { PlannedExample } from './cliExamples';
import type { PackageCatalog } from './examples';
import { triggerExpectations } from './expectations/index';
import type { N8n } from './n8n';
import { N8nRest } from './n8nRest';
import { freePort, sleep, waitFor } from './process';
import type { Report } from './report';
import { RunView } from './runView';
import { USAGE_TRIGGER_NAME, usageTriggerNodes } from './usageTriggerWorkflow';

export interface UsagePhase {
	n8n: N8n;
	fake: FakeOpenAi;
	report: Report;
	catalog: PackageCatalog;
	/** examples that start with the usage trigger (already imported with a 5-second poll) */
	examples: PlannedExample[];
	work: string;
	/** only some examples were asked for on the command line */
	filtered: boolean;
}

const PHASE = 'usage trigger polls inside `n8n start`';
/** Polls that must pass after the first execution without repeating its rows. */
const LATER_POLLS = 2;

/**
 * Publishes the usage-trigger examples, starts `n8n start`, and checks through n8n's REST API that
 * the trigger's executions carry the expected usage rows and that later polls do not repeat them.
 */
export async function runUsageTriggerPhase(phase: UsagePhase): Promise<void> {
	const { n8n, fake, report, catalog, examples, work, filtered } = phase;
	if (!catalog.nodes.has(USAGE_TRIGGER_NAME)) {
		const banner = '!'.repeat(78);
		console.log(`${banner}\n!! ${PHASE}: SKIPPED (no openAiUsageTrigger in this package yet)\n${banner}`);
		report.skip(PHASE, 'SKIPPED (no openAiUsageTrigger in this package yet)');
		return;
	}
	if (examples.length === 0 && filtered) {
		report.skip(PHASE, 'SKIPPED (no selected example starts with the usage trigger)');
		return;
	}
	if (examples.length === 0) {
		report.add({ name: PHASE, outcome: 'FAIL', detail: 'the package has openAiUsageTrigger but no example starts with it (add examples/daily-cost-report.workflow.json)', ms: 0 });
		return;
	}
	for (const { example } of examples) await n8n.publish(example.workflow.id as string);
	fake.reset();
	const port = await freePort();
	report.step(`starting n8n on 127.0.0.1:${port} with ${examples.length} published workflow(s)`);
	const server = await n8n.start(port, join(work, 'n8n-start.log'));
	try {
		const rest = new N8nRest(server.url, n8n.home);
		await rest.signIn();
		for (const planned of examples) {
			await report.check(`example ${planned.example.name} (published, n8n start)`, () => checkTriggerExample(planned, rest, fake));
		}
	} finally {
		await server.stop();
	}
}

export async function checkTriggerExample({ example }: PlannedExample, rest: N8nRest, fake: FakeOpenAi): Promise<string> {
	const workflowId = example.workflow.id as string;
	const triggerName = usageTriggerNodes(example.workflow)[0].name;
	const adminPolls = (): number => fake.requests.filter((r) => r.path.startsWith('/v1/organization/')).length;
	// the trigger's own reads (a poll may also list projects for names: those do not count as polls)
	const triggerReads = (): number =>
		fake.requests.filter((r) => r.path.startsWith('/v1/organization/usage/') || r.path === '/v1/organization/costs').length;

	const first = await waitFor(
		`a finished execution of ${workflowId}`,
		async () => (await rest.executions(workflowId)).find((e) => !['new', 'running', 'waiting'].includes(e.status)),
		60_000,
		1_000,
	);
	const pollsAtFirst = triggerReads();
	await waitFor(`${LATER_POLLS} more polls of the admin API`, async () => (triggerReads() >= pollsAtFirst + LATER_POLLS ? true : undefined), 30_000, 500);
	await sleep(1_500); // an execution a late poll started has time to be saved

	// finished executions only: a poll may be starting one right now
	const summaries = (await rest.executions(workflowId))
		.filter((e) => !['new', 'running', 'waiting'].includes(e.status))
		.sort((a, b) => Number(a.id) - Number(b.id));
	const runs: RunView[] = [];
	for (const summary of summaries) runs.push(new RunView(await rest.executionRun(summary.id)));
	const failed = runs.filter((run) => run.status !== 'success');
	assert.equal(failed.length, 0, `executions failed: ${failed.map((run) => run.error).join('; ')}`);
	assert.ok(first, 'an execution was recorded');

	const seen = new Set<string>();
	for (const run of runs) {
		const rows = run.json(triggerName);
		assert.ok(rows.length > 0, 'an execution was started with no rows');
		for (const row of rows) {
			const key = JSON.stringify(row);
			assert.ok(!seen.has(key), `a later poll repeated a row: ${key}`);
			seen.add(key);
		}
	}
	const expectation = triggerExpectations[example.name];
	if (!expectation) throw new Error(`scripts/e2e/expectations.ts has no triggerExpectations entry '${example.name}'`);
	expectation({ runs, triggerName, requests: [...fake.requests], fake });
	return `${runs.length} execution(s), ${seen.size} distinct row(s), ${adminPolls()} admin API request(s), none repeated`;
}

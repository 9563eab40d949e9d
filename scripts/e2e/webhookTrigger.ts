import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';

import type { FakeOpenAi } from '../../test/fake-openai';
import { FAKE_KEYS } from '../../test/fake-openai';
import type { PlannedExample } from './cliExamples';
import { PACKAGE_NAME } from './communityPackage';
import { DEMO_WEBHOOK_SECRET } from './credentials';
import type { ExampleNode, ExampleWorkflow, PackageCatalog } from './examples';
import { webhookExpectations } from './expectations/index';
import type { N8n } from './n8n';
import { N8nRest } from './n8nRest';
import { freePort, sleep, waitFor } from './process';
import type { Report } from './report';
import { RunView } from './runView';

export const WEBHOOK_TRIGGER_NAME = 'openAiWebhookTrigger';
const WEBHOOK_TRIGGER_TYPE = `${PACKAGE_NAME}.${WEBHOOK_TRIGGER_NAME}`;
const PHASE = 'webhook trigger: signed events posted to n8n\'s webhook URL inside `n8n start`';

export function webhookTriggerNodes(workflow: ExampleWorkflow): Array<ExampleNode & { webhookId?: string }> {
	return workflow.nodes.filter((node) => node.type === WEBHOOK_TRIGGER_TYPE);
}

export function isWebhookTriggerExample(workflow: ExampleWorkflow): boolean {
	return webhookTriggerNodes(workflow).length > 0;
}

export interface WebhookPhase {
	n8n: N8n;
	fake: FakeOpenAi;
	report: Report;
	catalog: PackageCatalog;
	examples: PlannedExample[];
	work: string;
}

/**
 * Publishes the webhook-trigger examples, starts `n8n start`, and posts events to each trigger's
 * production URL as OpenAI would: unsigned, wrongly signed, stale and unselected ones must be answered
 * 400/401/200 and start nothing; the correctly signed batch.completed must start one execution.
 */
export async function runWebhookTriggerPhase({ n8n, fake, report, catalog, examples, work }: WebhookPhase): Promise<void> {
	if (examples.length === 0) return;
	if (!catalog.nodes.has(WEBHOOK_TRIGGER_NAME)) {
		report.skip(PHASE, `SKIPPED (no ${WEBHOOK_TRIGGER_NAME} in this package yet)`);
		return;
	}
	for (const { example } of examples) await n8n.publish(example.workflow.id as string);
	fake.reset();
	const port = await freePort();
	report.step(`starting n8n on 127.0.0.1:${port} with ${examples.length} published webhook workflow(s)`);
	const server = await n8n.start(port, join(work, 'n8n-start-webhook.log'));
	try {
		const rest = new N8nRest(server.url, n8n.home);
		await rest.signIn();
		for (const planned of examples) {
			await report.check(`example ${planned.example.name} (published, events posted to n8n)`, () => checkWebhookExample(planned, server.url, rest, fake));
		}
	} finally {
		await server.stop();
	}
}

export async function checkWebhookExample({ example }: PlannedExample, baseUrl: string, rest: N8nRest, fake: FakeOpenAi): Promise<string> {
	const workflowId = example.workflow.id as string;
	const trigger = webhookTriggerNodes(example.workflow)[0];
	if (!trigger.webhookId) throw new Error(`the trigger node "${trigger.name}" has no webhookId`);
	const url = `${baseUrl}/webhook/${trigger.webhookId}/webhook`;
	const batchId = await completedBatch(fake);
	const now = Math.floor(Date.now() / 1000);
	const event = (type: string) => JSON.stringify({ id: `evt_e2e_${type}`, object: 'event', type, created_at: now, data: { id: batchId } });
	const post = async (body: string, headers: Record<string, string>) => {
		const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
		return { status: response.status, text: await response.text() };
	};

	const completed = event('batch.completed');
	// n8n may answer before it has activated the published workflows: wait until the webhook exists
	await waitFor(`the webhook of ${workflowId} to be registered`, async () => ((await post(completed, {})).status !== 404 ? true : undefined), 60_000, 500);
	const answers = {
		unsigned: await post(completed, {}),
		wrongSecret: await post(completed, sign(completed, `whsec_${Buffer.alloc(32, 7).toString('base64')}`, now)),
		stale: await post(completed, sign(completed, DEMO_WEBHOOK_SECRET, now - 600)),
		unselected: await post(event('batch.failed'), sign(event('batch.failed'), DEMO_WEBHOOK_SECRET, now)),
	};
	assert.equal(answers.unsigned.status, 400, `unsigned: ${answers.unsigned.text}`);
	assert.equal(answers.wrongSecret.status, 401, `wrong secret: ${answers.wrongSecret.text}`);
	assert.equal(answers.stale.status, 401, `stale: ${answers.stale.text}`);
	assert.equal(answers.unselected.status, 200, `unselected: ${answers.unselected.text}`);
	await sleep(1_000);
	assert.equal((await rest.executions(workflowId)).length, 0, 'a rejected or unselected event started an execution');

	const accepted = await post(completed, sign(completed, DEMO_WEBHOOK_SECRET, now));
	assert.equal(accepted.status, 200, `signed: ${accepted.text}`);
	await waitFor(
		`a finished execution of ${workflowId}`,
		async () => (await rest.executions(workflowId)).find((e) => !['new', 'running', 'waiting'].includes(e.status)),
		60_000,
		500,
	);
	await sleep(1_000);
	const summaries = (await rest.executions(workflowId)).sort((a, b) => Number(a.id) - Number(b.id));
	const runs: RunView[] = [];
	for (const summary of summaries) runs.push(new RunView(await rest.executionRun(summary.id)));
	const expectation = webhookExpectations[example.name];
	if (!expectation) throw new Error(`scripts/e2e/expectations has no webhookExpectations entry '${example.name}'`);
	expectation({ runs, triggerName: trigger.name, batchId, requests: [...fake.requests], fake });
	return `400 unsigned, 401 wrong secret, 401 stale, 200 unselected (no execution); the signed event: ${runs.length} execution`;
}

/** Standard Webhooks, as OpenAI signs: HMAC-SHA256 of `<id>.<timestamp>.<body>` with the base64 key after `whsec_`. */
function sign(body: string, secret: string, timestamp: number): Record<string, string> {
	const id = `wh_e2e_${timestamp}_${body.length}`;
	const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
	const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
	return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': `v1,${signature}` };
}

/** A batch of three embedding requests in the fake, moved on to completed. */
async function completedBatch(fake: FakeOpenAi): Promise<string> {
	const auth = { authorization: `Bearer ${FAKE_KEYS.project}` };
	const lines = ['a', 'b', 'c']
		.map((input, index) => JSON.stringify({ custom_id: `item-${index}`, method: 'POST', url: '/v1/embeddings', body: { model: 'text-embedding-3-small', input } }))
		.join('\n');
	const form = new FormData();
	form.append('purpose', 'batch');
	form.append('file', new Blob([`${lines}\n`], { type: 'application/jsonl' }), 'e2e.jsonl');
	const file = (await (await fetch(`${fake.url}/files`, { method: 'POST', headers: auth, body: form })).json()) as { id: string };
	const created = await fetch(`${fake.url}/batches`, {
		method: 'POST',
		headers: { ...auth, 'content-type': 'application/json' },
		body: JSON.stringify({ input_file_id: file.id, endpoint: '/v1/embeddings', completion_window: '24h' }),
	});
	const { id } = (await created.json()) as { id: string };
	fake.clock.advance(200_000);
	const batch = (await (await fetch(`${fake.url}/batches/${id}`, { headers: auth })).json()) as { status: string };
	assert.equal(batch.status, 'completed', 'the fake batch completed');
	return id;
}

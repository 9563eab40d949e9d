import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { FakeOpenAi } from '../../test/fake-openai';
import { PACKAGE_NAME } from './communityPackage';
import { DEMO_CREDENTIALS } from './credentials';
import type { N8n } from './n8n';
import { N8nRest } from './n8nRest';
import { freePort, sleep, waitFor } from './process';
import type { Report } from './report';

export const STOP_UPLOAD_CHECK = 'stop-upload';
export const STOP_UPLOAD_WORKFLOW_ID = 'e2eStopUpload001';
const WEBHOOK_PATH = 'e2e-stop-upload';
const PHASE = 'Stop in n8n cancels an upload in parts at OpenAI (`n8n start`, REST stop)';

/**
 * A file posted to an n8n Webhook goes to File → Upload in parts (1 MB parts, one at a time); the
 * fake holds the first part, the execution is stopped through n8n's REST API (what the editor's Stop
 * button calls), and the unfinished upload must be cancelled at OpenAI — n8n ends every request of
 * a stopped execution, so this proves the cancel still gets out — and never completed.
 */
export async function runStopUploadPhase({ n8n, fake, report, work }: { n8n: N8n; fake: FakeOpenAi; report: Report; work: string }): Promise<void> {
	const folder = join(work, 'stop-upload');
	mkdirSync(folder, { recursive: true });
	writeFileSync(join(folder, 'stop-upload.json'), JSON.stringify(stopUploadWorkflow()));
	await n8n.importWorkflows(folder);
	await n8n.publish(STOP_UPLOAD_WORKFLOW_ID);
	fake.reset();
	const port = await freePort();
	const server = await n8n.start(port, join(work, 'n8n-start-stop-upload.log'));
	try {
		const rest = new N8nRest(server.url, n8n.home);
		await rest.signIn();
		await report.check(PHASE, async () => (await stopMidUpload(server.url, rest, fake)).detail);
	} finally {
		await server.stop();
		fake.reset();
	}
}

/** Posts the file, stops the execution while its first part is held, checks the cancel; the stopped execution's ID. */
export async function stopMidUpload(baseUrl: string, rest: N8nRest, fake: FakeOpenAi): Promise<{ detail: string; executionId: string }> {
	const parts = () => fake.requests.filter((r) => r.method === 'POST' && /^\/v1\/uploads\/[^/]+\/parts$/.test(r.path));
	const post = async () => await fetch(`${baseUrl}/webhook/${WEBHOOK_PATH}`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: randomBytes(3 * 1024 * 1024) });
	// n8n may answer before it has activated the published workflow: wait until the webhook exists
	fake.injectFault({ kind: 'stall', match: { method: 'POST', path: /\/parts$/ } });
	await waitFor('the stop-upload webhook to be registered', async () => ((await post()).status === 200 ? true : undefined), 60_000, 500);
	const held = await waitFor('the first part to reach the fake (and be held)', async () => parts()[0], 30_000, 100);
	const uploadId = held.path.split('/')[3];
	const running = await waitFor('the running execution', async () => (await rest.executions(STOP_UPLOAD_WORKFLOW_ID)).find((e) => e.status === 'running'), 30_000, 200);
	const stoppedAt = Date.now();
	await rest.post(`/executions/${running.id}/stop`, {});
	const cancel = await waitFor(
		`POST /v1/uploads/${uploadId}/cancel answered`,
		async () => fake.requests.find((r) => r.method === 'POST' && r.path === `/v1/uploads/${uploadId}/cancel` && r.status !== null),
		20_000,
		100,
	);
	const cancelMs = Date.now() - stoppedAt;
	await sleep(1_000);
	assert.equal(cancel.status, 200, 'the cancel was accepted');
	assert.equal(cancel.authKey !== null, true, 'the cancel carried the credential');
	assert.equal(parts().length, 1, 'no part was sent after Stop');
	assert.equal(fake.requests.filter((r) => r.path.endsWith('/complete')).length, 0, 'the upload was never completed');
	const execution = await waitFor('the stopped execution to be recorded', async () => (await rest.executions(STOP_UPLOAD_WORKFLOW_ID)).find((e) => e.id === running.id && e.status !== 'running'), 30_000, 200);
	assert.equal(execution.status, 'canceled', `execution status ${execution.status}`);
	const detail = `execution ${running.id} stopped while part 1 was held; POST …/${uploadId}/cancel → 200 ${cancelMs} ms after Stop; no more parts, no complete; status canceled`;
	return { detail, executionId: running.id };
}

export function stopUploadWorkflow() {
	return {
		id: STOP_UPLOAD_WORKFLOW_ID,
		name: 'e2e: Stop during an upload in parts',
		settings: { executionOrder: 'v1', saveDataErrorExecution: 'all', saveDataSuccessExecution: 'all' },
		nodes: [
			{
				id: 'e2e5a0f0-0001-4c1e-8a10-000000000001',
				name: 'File Posted',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'e2e5a0f0-0001-4c1e-8a10-00000000f11e',
				parameters: { httpMethod: 'POST', path: WEBHOOK_PATH, responseMode: 'onReceived', options: {} },
			},
			{
				id: 'e2e5a0f0-0001-4c1e-8a10-000000000002',
				name: 'Upload In Parts',
				type: `${PACKAGE_NAME}.openAiPlatform`,
				typeVersion: 1,
				position: [220, 0],
				parameters: { resource: 'file', operation: 'upload', purpose: 'assistants', options: { fileName: 'stopped.pdf', uploadInParts: 'always', partSizeMb: 1, parallelParts: 1 } },
				credentials: { openAiPlatformApi: DEMO_CREDENTIALS.openAiPlatformApi },
			},
		],
		connections: { 'File Posted': { main: [[{ node: 'Upload In Parts', type: 'main', index: 0 }]] } },
	};
}

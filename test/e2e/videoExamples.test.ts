/**
 * The Video and Custom API Call examples, run in-process before the real-n8n e2e runs them: the
 * example JSON as it is, against the fake prepared by its e2e setup, checked by its e2e expectation.
 * The harness has no n8n-nodes-base, so the examples' Code nodes run in a stand-in that evaluates
 * their JavaScript the way the Code node's "Run Once for All Items" mode does ($input.all()).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { binaryBytes, type N8nRun } from '../../scripts/e2e/n8n';
import { expectations, fakeSetup } from '../../scripts/e2e/expectations/index';
import { EXAMPLES_DIR } from '../../scripts/e2e/paths';
import { RunView } from '../../scripts/e2e/runView';
import { FAKE_KEYS, startFakeOpenAi, type FakeOpenAi } from '../fake-openai';
import { runWorkflow, type WorkflowJson } from '../harness';

class CodeStandIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Code (stand-in)',
		name: 'code',
		group: ['transform'],
		version: 2,
		description: 'Runs the JavaScript of an example Code node',
		defaults: { name: 'Code' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'JavaScript', name: 'jsCode', type: 'string', default: '' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const run = new Function('$input', this.getNodeParameter('jsCode', 0) as string) as (input: unknown) => Array<{ json: INodeExecutionData['json'] }>;
		const output = run({ all: () => items, first: () => items[0] });
		return [output.map(({ json }) => ({ json, pairedItem: { item: 0 } }))];
	}
}

let fake: FakeOpenAi;
beforeAll(async () => {
	fake = await startFakeOpenAi();
});
afterAll(async () => {
	await fake.stop();
});

describe.each(['video-parallel-download', 'custom-api-call-pages'])('examples/%s.workflow.json', (name) => {
	it('runs and meets its e2e expectation', async () => {
		const workflow = JSON.parse(readFileSync(join(EXAMPLES_DIR, `${name}.workflow.json`), 'utf8')) as WorkflowJson;
		fake.reset();
		fakeSetup[name]?.(fake);
		const result = await runWorkflow(workflow, {
			credentials: { openAiPlatformApi: { apiKey: FAKE_KEYS.project, url: fake.url } },
			nodeTypes: { 'n8n-nodes-base.code': new CodeStandIn() },
		});
		expect(result.status).toBe('success');
		expectations[name]({ run: new RunView(result.run as unknown as N8nRun), requests: [...fake.requests], fake, bytes: (binary) => binaryBytes('/nonexistent', binary) });
	});
});

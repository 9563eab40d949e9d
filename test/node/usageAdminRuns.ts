import type { IDataObject } from 'n8n-workflow';

import { FAKE_KEYS, type FakeOpenAi } from '../fake-openai';
import { runWorkflow } from '../harness';
import { usageNode } from './usageWorkflows';
import { workflow } from './workflows';

/**
 * The Usage node on its own, once per call, against the fake Admin API (`fake()`: the test file's
 * server, started in its beforeAll): what the write-operation tests share.
 */
export function usageNodeRuns(fake: () => FakeOpenAi) {
	const run = async (parameters: IDataObject, options: { key?: string } = {}) =>
		await runWorkflow(workflow({ nodes: [usageNode(parameters)] }), {
			credentials: { openAiAdminApi: { apiKey: options.key ?? FAKE_KEYS.admin, url: fake().url } },
		});
	/** The first output item of a run that must not have failed. */
	const first = (result: Awaited<ReturnType<typeof run>>) => {
		expect(result.nodeError('OpenAI')).toBeUndefined();
		return result.output('OpenAI')[0].json;
	};
	const adminCalls = () => fake().requests.filter((r) => r.path.startsWith('/v1/organization'));
	return { run, first, adminCalls };
}

/** A resource locator by ID. */
export const rl = (value: string) => ({ __rl: true, mode: 'id', value });

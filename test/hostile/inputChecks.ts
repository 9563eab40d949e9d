import type { IDataObject } from 'n8n-workflow';

import { createPollSession, runWorkflow, testCredential } from '../harness';
import { PLATFORM_CREDENTIAL_REF, workflow } from '../node/workflows';
import { TRIGGER_NAME, triggerWorkflow, usageNode } from '../node/usageWorkflows';
import type { ErrorLike } from './checks';
import { clip, errorProblems, findLeaks, leaksInHarnessRequests } from './checks';
import type { World } from './families';
import type { InputCheck } from './report';
import { secretsFor } from './run';
import type { HostileServer } from './server';
import { proxyTo } from './validAnswers';

/**
 * Values a user can type that must be refused before any request, with an error naming the field:
 * Request Options out of range (Timeout > 0, Max Retries 0–10, Concurrency ≥ 1) and a Base URL
 * that is not a URL (in the nodes, the trigger and the credentials' Test). The server behind is
 * healthy, so a value that is not refused shows as a success.
 */

interface OptionCase {
	option: string;
	says: RegExp;
	value: number;
	/** The field name in the nodes' Request Options / the trigger's Options. */
	field: 'timeoutMs' | 'maxRetries' | 'concurrency';
}

const OPTION_CASES: OptionCase[] = [
	{ option: 'Timeout −5', field: 'timeoutMs', value: -5, says: /Timeout/ },
	{ option: 'Max Retries −1', field: 'maxRetries', value: -1, says: /Max Retries/ },
	{ option: 'Max Retries 99', field: 'maxRetries', value: 99, says: /Max Retries/ },
	{ option: 'Concurrency 0', field: 'concurrency', value: 0, says: /Concurrency/ },
];

type Target = 'OpenAI Platform (Chat)' | 'OpenAI Usage (Usage → Get)' | 'OpenAI Usage Trigger';
const TARGETS: Target[] = ['OpenAI Platform (Chat)', 'OpenAI Usage (Usage → Get)', 'OpenAI Usage Trigger'];

const CHAT = { resource: 'chat', operation: 'message', modelId: { __rl: true, mode: 'id', value: 'gpt-4o-mini' }, messages: { values: [{ role: 'user', content: 'Hi' }] } };
const USAGE = { resource: 'usage', operation: 'get', queryType: 'completions', bucketWidth: '1d', startTime: '2026-11-17T00:00:00Z', endTime: '2026-11-19T00:00:00Z' };

export const NOT_A_URL = 'api dot openai dot com';

export async function runInputChecks(server: HostileServer, world: World, triggerClock: TriggerClock): Promise<InputCheck[]> {
	const checks: InputCheck[] = [];
	let index = 10_000;
	for (const target of TARGETS) {
		for (const option of OPTION_CASES) {
			checks.push(await check(`${target}: ${option.option}`, index++, option.says, undefined, (url, credentials) => attempt(target, { [option.field]: option.value }, credentials, triggerClock)));
		}
		checks.push(await check(`${target}: Base URL "${NOT_A_URL}"`, index++, /Base URL/, NOT_A_URL, (url, credentials) => attempt(target, {}, credentials, triggerClock)));
	}
	for (const type of ['openAiPlatformApi', 'openAiAdminApi']) {
		const { secrets, fragments } = secretsFor(index++, false);
		const result = await testCredential(type, { apiKey: type === 'openAiAdminApi' ? secrets.adminKey : secrets.apiKey, url: NOT_A_URL });
		const problems: string[] = [];
		if (result.status !== 'Error') problems.push(`accepted: the credential test passed with a Base URL that is not a URL`);
		else if (!/Base URL/.test(result.message)) problems.push(`unclear: the credential test does not name the Base URL field: "${clip(result.message)}"`);
		const leaks = [...findLeaks({ status: result.status, message: result.message }, fragments, 'credential test result'), ...leaksInHarnessRequests(result.httpRequests, fragments)];
		problems.push(...leaks.map((where) => `leak: ${where}`));
		checks.push({ name: `${type} credential Test: Base URL "${NOT_A_URL}"`, problems });
	}
	return checks;

	async function check(
		name: string,
		keyIndex: number,
		says: RegExp,
		badUrl: string | undefined,
		run: (url: string, credentials: IDataObject) => Promise<{ error?: ErrorLike; instance?: unknown; evidence: unknown }>,
	): Promise<InputCheck> {
		const { secrets, fragments } = secretsFor(keyIndex, false);
		const scenario = server.scenario(proxyTo(world.fake));
		const url = badUrl ?? scenario.url;
		const credentials = { openAiPlatformApi: { apiKey: secrets.apiKey, url }, openAiAdminApi: { apiKey: secrets.adminKey, url } };
		const { error, instance, evidence } = await run(url, credentials);
		const problems: string[] = [];
		if (!error) problems.push('accepted: the value was not refused (the run succeeded)');
		else problems.push(...errorProblems(error, { says, saysNot: /Invalid URL|TypeError/ }, instance));
		if (scenario.requests.length > 0) problems.push(`accepted: ${scenario.requests.length} request(s) were sent before the value was refused`);
		problems.push(...findLeaks(evidence, fragments, 'run').map((where) => `leak: ${where}`));
		return { name, problems };
	}
}

/** The trigger is activated, then polled when a closed bucket waits to be read (so that it would send a request). */
export interface TriggerClock {
	activatedAt: number;
	polledAt: number;
}

async function attempt(target: Target, options: IDataObject, credentials: IDataObject, triggerClock: TriggerClock) {
	if (target === 'OpenAI Usage Trigger') {
		let now = triggerClock.activatedAt;
		const session = createPollSession(triggerWorkflow({ queryType: 'completions', bucketWidth: '1h', options: { timeoutMs: 1_000, maxRetries: 1, ...options } }), TRIGGER_NAME, {
			staticData: {},
			credentials: credentials as never,
			now: () => now,
		});
		try {
			await session.activate();
			now = triggerClock.polledAt;
			const { items, staticData } = await session.poll();
			return { evidence: { items, staticData } };
		} catch (error) {
			return { error: error as ErrorLike, instance: error, evidence: error };
		}
	}
	const parameters = { ...(target.startsWith('OpenAI Usage') ? USAGE : CHAT), requestOptions: { timeoutMs: 1_000, maxRetries: 1, ...options } };
	const node = target.startsWith('OpenAI Usage') ? usageNode(parameters) : { parameters, credentials: PLATFORM_CREDENTIAL_REF };
	const run = await runWorkflow(workflow({ nodes: [node] }), { credentials: credentials as never, cancelAfterMs: 10_000 });
	const error = (run.nodeError('OpenAI') ?? run.error) as ErrorLike | undefined;
	return { error: run.status === 'success' ? undefined : (error ?? { message: `status ${run.status}` }), evidence: run.run };
}

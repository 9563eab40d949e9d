import type { IDataObject } from 'n8n-workflow';

import type { FakeOpenAi } from '../fake-openai';
import { issueAdminKey, joinOrganization } from '../fake-openai';
import type { Expectation } from './expectations';
import type { Answer } from './server';
import { proxyTo, validBatch, validBatchResults } from './validAnswers';

/**
 * The operation families of the matrix: every resource of the OpenAI Platform node, every resource
 * of the OpenAI Usage node, and the Usage Trigger's poll — each as the parameters a user sets in the
 * editor. A family's requests all get the hostile answer unless `attacked` narrows it to the one
 * request under test (Batch → Get Results: the results file, after a healthy batch).
 */

/** What the families need from the healthy world (the fake OpenAI API) at run time. */
export interface World {
	fake: FakeOpenAi;
	/** A file that exists in the fake. */
	fileId: string;
	/** A vector store that exists in the fake, holding that file. */
	vectorStoreId: string;
	projectId: string;
	userId: string;
	/** A short WAV file the fake can transcribe, base64. */
	wavBase64: string;
}

export type NodeKind = 'platform' | 'usage' | 'trigger';

/** What a 200 body means to the family: JSON to check, or the content of a file to store. */
export type BodyKind = 'json' | 'fileContent' | 'audio' | 'jsonl';

export interface Family {
	name: string;
	node: NodeKind;
	body: BodyKind;
	/** A list read page by page (Return All), or one of the lists without paging (models). */
	list?: 'paged' | 'single';
	/** Input items (the `test.items` node); default one empty item. */
	items?(world: World): IDataObject[];
	parameters(world: World): IDataObject;
	/** The requests the attack targets (default: every request). */
	attacked?: RegExp;
	/** The answer to requests not attacked (default: the fake). */
	others?(world: World): Answer;
	/** A generic call (Custom API Call): any JSON object or list is a valid answer of an endpoint the node does not know. */
	generic?: boolean;
	/** The healthy answer for "… then valid" (default: the fake); null when the kit has none. */
	valid?: ((world: World) => Answer) | null;
	/** The operation uses the OpenAI Admin credential (checkpoint permissions), not the platform one. */
	credential?: 'admin';
	/** What this family must end with for an answer, where the general table (expectations.ts) does not fit; each says why. */
	expect?: Partial<Record<string, Expectation>>;
}

const rl = (value: string, mode: 'id' | 'list' = 'id') => ({ __rl: true, mode, value });

/** The usage range both read operations ask for; the fake's clock stands after it. */
export const USAGE_RANGE = { startTime: '2026-11-17T00:00:00Z', endTime: '2026-11-19T00:00:00Z' };

let invitesSent = 0;
let departures = 0;

/** A user who joined just now, to be removed: the healthy fake keeps its state between runs. */
function newcomer(world: World): string {
	const n = ++departures;
	return joinOrganization(world.fake.org, { id: `user-hostileLeaver${n}`, name: `Leaver ${n}`, email: `leaver-${n}@example.com`, role: 'reader', addedAt: 1_700_000_000 }).id;
}

const HOSTILE_CHECKPOINT = 'ft:gpt-4o-mini-2024-07-18:org:hostile:B7R9VjQd:ckpt-step-10';

const platform = (family: Omit<Family, 'node'>): Family => ({ node: 'platform', ...family });
const usage = (family: Omit<Family, 'node' | 'body'>): Family => ({ node: 'usage', body: 'json', ...family });

export const FAMILIES: Family[] = [
	platform({
		name: 'Chat → Message a Model',
		body: 'json',
		parameters: () => ({ resource: 'chat', operation: 'message', modelId: rl('gpt-4o-mini', 'list'), messages: { values: [{ role: 'user', content: 'Hello' }] } }),
	}),
	platform({
		name: 'Response → Create',
		body: 'json',
		parameters: () => ({ resource: 'response', operation: 'create', modelId: rl('gpt-4o-mini', 'list'), inputType: 'text', input: 'Hello' }),
	}),
	platform({
		name: 'Response → Get',
		body: 'json',
		parameters: () => ({ resource: 'response', operation: 'get', responseId: 'resp_hostile' }),
		valid: null,
	}),
	platform({
		name: 'Text → Complete',
		body: 'json',
		parameters: () => ({ resource: 'text', operation: 'complete', modelId: rl('gpt-3.5-turbo-instruct', 'list'), prompt: 'Hello' }),
	}),
	platform({
		name: 'Embedding → Create',
		body: 'json',
		items: () => [{ text: 'first' }, { text: 'second' }],
		parameters: () => ({ resource: 'embedding', operation: 'create', modelId: rl('text-embedding-3-small'), text: '={{ $json.text }}' }),
	}),
	platform({
		name: 'Moderation → Classify',
		body: 'json',
		parameters: () => ({ resource: 'moderation', operation: 'classify', modelId: rl('omni-moderation-latest', 'list'), input: 'I will hurt you' }),
	}),
	platform({
		name: 'Image → Generate',
		body: 'json',
		parameters: () => ({ resource: 'image', operation: 'generate', prompt: 'A lighthouse at dawn' }),
	}),
	platform({
		name: 'Image → Analyze',
		body: 'json',
		parameters: () => ({ resource: 'image', operation: 'analyze', inputType: 'url', imageUrls: 'https://example.com/a.png', text: 'What is in the picture?' }),
	}),
	platform({
		name: 'Audio → Generate Speech',
		body: 'audio',
		parameters: () => ({ resource: 'audio', operation: 'generateSpeech', input: 'Hello from n8n' }),
	}),
	platform({
		name: 'Audio → Transcribe',
		body: 'json',
		items: (world) => [{ $binary: { data: { base64: world.wavBase64, fileName: 'clip.wav', mimeType: 'audio/wav' } } }],
		parameters: () => ({ resource: 'audio', operation: 'transcribe' }),
	}),
	platform({
		name: 'File → Upload',
		body: 'json',
		items: () => [{ $binary: { data: { text: '{"a":1}\n', fileName: 'data.jsonl', mimeType: 'application/jsonl' } } }],
		parameters: () => ({ resource: 'file', operation: 'upload', purpose: 'user_data' }),
	}),
	platform({
		name: 'File → Get',
		body: 'json',
		parameters: (world) => ({ resource: 'file', operation: 'get', fileId: world.fileId }),
	}),
	platform({
		name: 'File → Get Many',
		body: 'json',
		list: 'paged',
		parameters: () => ({ resource: 'file', operation: 'getAll', returnAll: true }),
	}),
	platform({
		name: 'File → Download (content)',
		body: 'fileContent',
		parameters: (world) => ({ resource: 'file', operation: 'download', fileId: world.fileId }),
		attacked: /\/files\/[^/]+\/content$/,
	}),
	platform({
		name: 'Batch → Get',
		body: 'json',
		parameters: () => ({ resource: 'batch', operation: 'get', batchId: 'batch_hostile' }),
		valid: () => validBatch,
	}),
	platform({
		name: 'Batch → Get Many',
		body: 'json',
		list: 'paged',
		parameters: () => ({ resource: 'batch', operation: 'getAll', returnAll: true }),
	}),
	platform({
		name: 'Batch → Get Results (results file)',
		body: 'jsonl',
		parameters: () => ({ resource: 'batch', operation: 'getResults', batchId: 'batch_hostile' }),
		attacked: /\/files\/[^/]+\/content$/,
		others: () => validBatch,
		valid: () => validBatchResults,
	}),
	platform({
		name: 'Chat → Get Many (stored)',
		body: 'json',
		list: 'paged',
		parameters: () => ({ resource: 'chat', operation: 'getAll', returnAll: true }),
	}),
	platform({
		name: 'Conversation → Get',
		body: 'json',
		parameters: () => ({ resource: 'conversation', operation: 'get', conversationId: 'conv_hostile' }),
		valid: null,
	}),
	platform({
		name: 'Conversation → Get Many Items',
		body: 'json',
		list: 'paged',
		parameters: () => ({ resource: 'conversation', operation: 'getItems', conversationId: 'conv_hostile', returnAll: true }),
		valid: null,
	}),
	platform({
		name: 'Video → Get',
		body: 'json',
		parameters: () => ({ resource: 'video', operation: 'get', videoId: 'video_hostile' }),
		valid: null,
	}),
	platform({
		name: 'Video → Get Many',
		body: 'json',
		list: 'paged',
		parameters: () => ({ resource: 'video', operation: 'getAll', returnAll: true }),
	}),
	platform({
		name: 'Custom API Call → GET /models',
		body: 'json',
		generic: true,
		parameters: () => ({ resource: 'customApiCall', operation: 'request', method: 'GET', path: '/models' }),
	}),
	platform({
		name: 'Custom API Call → GET /files (Return All)',
		body: 'json',
		list: 'paged',
		generic: true,
		parameters: () => ({ resource: 'customApiCall', operation: 'request', method: 'GET', path: '/files', returnAll: true }),
	}),
	platform({
		name: 'Model → Get',
		body: 'json',
		parameters: () => ({ resource: 'model', operation: 'get', modelId: rl('gpt-4o') }),
	}),
	platform({
		name: 'Model → Get Many',
		body: 'json',
		list: 'single',
		parameters: () => ({ resource: 'model', operation: 'getAll', returnAll: true }),
	}),
	platform({
		name: 'Vector Store → Create',
		body: 'json',
		parameters: () => ({ resource: 'vectorStore', operation: 'create', name: 'Hostile' }),
	}),
	platform({
		name: 'Vector Store → Get Many',
		body: 'json',
		list: 'paged',
		parameters: () => ({ resource: 'vectorStore', operation: 'getAll', returnAll: true }),
	}),
	platform({
		name: 'Vector Store → Search',
		body: 'json',
		list: 'single',
		parameters: (world) => ({ resource: 'vectorStore', operation: 'search', vectorStoreId: world.vectorStoreId, query: 'hello' }),
		expect: {
			'repeating cursor': {
				outcome: 'error',
				says: /answer is not a page of vector store search results/,
				why: "Search reads one page (has_more/next_page are not followed), so the cursor is not what fails: the generic page's entry is no search hit (no file_id, score, content) and is refused",
			},
		},
	}),
	platform({
		name: 'Fine-Tuning → Get Many',
		body: 'json',
		list: 'paged',
		parameters: () => ({ resource: 'fineTuning', operation: 'getAll', returnAll: true }),
	}),
	platform({
		name: 'Fine-Tuning → Share Checkpoint With Projects',
		body: 'json',
		credential: 'admin',
		parameters: (world) => ({ resource: 'fineTuning', operation: 'createCheckpointPermission', checkpoint: HOSTILE_CHECKPOINT, projectIds: world.projectId }),
	}),
	platform({
		name: 'Fine-Tuning → Get Checkpoint Permissions',
		body: 'json',
		list: 'paged',
		credential: 'admin',
		parameters: () => ({ resource: 'fineTuning', operation: 'getCheckpointPermissions', checkpoint: HOSTILE_CHECKPOINT, returnAll: true }),
	}),
	usage({
		name: 'Usage → Get',
		list: 'paged',
		parameters: () => ({ resource: 'usage', operation: 'get', queryType: 'completions', bucketWidth: '1d', ...USAGE_RANGE, returnAll: true }),
	}),
	usage({
		name: 'Cost → Get',
		list: 'paged',
		parameters: () => ({ resource: 'cost', operation: 'get', bucketWidth: '1d', ...USAGE_RANGE, returnAll: true }),
	}),
	usage({
		name: 'User → Get',
		parameters: (world) => ({ resource: 'user', operation: 'get', userId: rl(world.userId) }),
	}),
	usage({
		name: 'User → Get Many',
		list: 'paged',
		parameters: () => ({ resource: 'user', operation: 'getAll', returnAll: true }),
	}),
	usage({
		name: 'User → Update Role',
		parameters: (world) => ({ resource: 'user', operation: 'update', userId: rl(world.userId), orgRole: 'owner' }),
	}),
	usage({
		name: 'User → Remove',
		parameters: (world) => ({ resource: 'user', operation: 'remove', userId: rl(newcomer(world)) }),
	}),
	usage({
		name: 'Admin API Key → Create',
		parameters: () => ({ resource: 'adminApiKey', operation: 'create', adminKeyName: 'Rotation', expiresInDays: 30 }),
	}),
	usage({
		name: 'Admin API Key → Get',
		parameters: (world) => ({ resource: 'adminApiKey', operation: 'get', adminKeyId: world.fake.org.adminKeys(world.fake.clock.nowSeconds())[0].id }),
	}),
	usage({
		name: 'Admin API Key → Delete',
		// a new key per run: the healthy fake keeps its state, and a deleted key is a 404 the next time
		parameters: (world) => ({ resource: 'adminApiKey', operation: 'delete', adminKeyId: issueAdminKey(world.fake, 'to delete').key.id }),
	}),
	usage({
		name: 'Project → Get',
		parameters: (world) => ({ resource: 'project', operation: 'get', projectId: rl(world.projectId) }),
	}),
	usage({
		name: 'Project → Get Many',
		list: 'paged',
		parameters: () => ({ resource: 'project', operation: 'getAll', returnAll: true }),
	}),
	usage({
		name: 'Project API Key → Get Many',
		list: 'paged',
		parameters: (world) => ({ resource: 'projectApiKey', operation: 'getAll', projectId: rl(world.projectId), returnAll: true }),
	}),
	usage({
		name: 'Project Rate Limit → Get Many',
		list: 'paged',
		parameters: (world) => ({ resource: 'projectRateLimit', operation: 'getAll', projectId: rl(world.projectId), returnAll: true }),
	}),
	usage({
		name: 'Admin API Key → Get Many',
		list: 'paged',
		parameters: () => ({ resource: 'adminApiKey', operation: 'getAll', returnAll: true }),
	}),
	usage({
		name: 'Audit Log → Get Many',
		list: 'paged',
		parameters: () => ({ resource: 'auditLog', operation: 'getAll', returnAll: true }),
	}),
	usage({
		name: 'Cost → Forecast Month',
		list: 'paged',
		parameters: () => ({ resource: 'cost', operation: 'forecastMonth', forecastGroupBy: 'project_id' }),
	}),
	usage({
		name: 'Project → Create',
		parameters: () => ({ resource: 'project', operation: 'create', projectName: 'Budget Guard' }),
	}),
	usage({
		name: 'Project User → Get Many',
		list: 'paged',
		parameters: (world) => ({ resource: 'projectUser', operation: 'getAll', projectId: rl(world.projectId), returnAll: true }),
	}),
	usage({
		name: 'Project User → Update Role',
		parameters: (world) => ({ resource: 'projectUser', operation: 'update', projectId: rl(world.projectId), userId: rl(world.userId), projectRole: 'owner' }),
	}),
	usage({
		name: 'Service Account → Create',
		parameters: (world) => ({ resource: 'serviceAccount', operation: 'create', projectId: rl(world.projectId), serviceAccountName: 'deploy-bot' }),
	}),
	usage({
		name: 'Service Account → Get Many',
		list: 'paged',
		parameters: (world) => ({ resource: 'serviceAccount', operation: 'getAll', projectId: rl(world.projectId), returnAll: true }),
	}),
	usage({
		name: 'Project Rate Limit → Update',
		parameters: (world) => ({ resource: 'projectRateLimit', operation: 'update', projectId: rl(world.projectId), rateLimitId: world.fake.org.rateLimits(world.projectId)[0].id, limits: { max_requests_per_1_minute: 42 } }),
	}),
	usage({
		name: 'Invite → Create',
		// a new address per run: the healthy fake keeps its invites between runs and refuses a second one
		parameters: () => ({ resource: 'invite', operation: 'create', email: `invitee-${++invitesSent}@example.com`, orgRole: 'reader' }),
	}),
	usage({
		name: 'Invite → Get Many',
		list: 'paged',
		parameters: () => ({ resource: 'invite', operation: 'getAll', returnAll: true }),
	}),
	usage({
		name: 'Spend Alert → Create',
		parameters: (world) => ({ resource: 'spendAlert', operation: 'create', level: 'project', projectId: rl(world.projectId), amount: '125.50', recipients: 'finance@example.com' }),
	}),
	usage({
		name: 'Spend Alert → Get Many',
		list: 'paged',
		parameters: () => ({ resource: 'spendAlert', operation: 'getAll', returnAll: true }),
	}),
	usage({
		name: 'Spend Limit → Set',
		parameters: () => ({ resource: 'spendLimit', operation: 'set', amount: '500' }),
	}),
	{
		name: 'Usage Trigger → poll (completions, 1h)',
		node: 'trigger',
		body: 'json',
		list: 'paged',
		parameters: () => ({ queryType: 'completions', bucketWidth: '1h', groupBy: ['model'] }),
	},
];

/** The answer for requests the attack does not target, and the healthy answer of "… then valid". */
export function othersAnswer(family: Family, world: World): Answer {
	return family.others?.(world) ?? proxyTo(world.fake);
}

export function validAnswer(family: Family, world: World): Answer | undefined {
	if (family.valid === null) return undefined;
	return family.valid ? family.valid(world) : proxyTo(world.fake);
}

export function hasValidAnswer(family: Family): boolean {
	return family.valid !== null;
}

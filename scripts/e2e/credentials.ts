import { FAKE_KEYS } from '../../test/fake-openai';
import type { CredentialImport } from './n8n';

/** The credentials every example refers to (by id and name), so the examples import and run as they are. */
export const DEMO_CREDENTIALS = {
	openAiPlatformApi: { id: 'demoOpenAiKey01', name: 'OpenAI Platform (demo)' },
	openAiAdminApi: { id: 'demoOpenAiAdmin1', name: 'OpenAI Admin (demo)' },
	/** n8n's own OpenAI credential, for its AI nodes (the chat model of an AI Agent) */
	openAiApi: { id: 'demoOpenAiN8n001', name: 'OpenAI (demo, n8n AI nodes)' },
	/** the signing secret of a webhook endpoint, for the OpenAI Webhook Trigger */
	openAiWebhookApi: { id: 'demoOpenAiWhsec1', name: 'OpenAI Webhook (demo)' },
	/** n8n's PostgreSQL credential, for the sink examples (only the queue-mode e2e has a PostgreSQL) */
	postgres: { id: 'demoPostgres0001', name: 'PostgreSQL (demo)' },
} as const;

/** The demo PostgreSQL credential: the queue-mode e2e's server on 127.0.0.1 (trust authentication). */
export function demoPostgresCredential(port: number, database = 'n8n'): CredentialImport {
	return {
		...DEMO_CREDENTIALS.postgres,
		type: 'postgres',
		data: { host: '127.0.0.1', port, database, user: 'postgres', password: '', ssl: 'disable' },
	};
}

/** Examples that need a PostgreSQL (they use the postgres credential): only the queue-mode e2e runs them. */
export function needsPostgres(nodes: Array<{ credentials?: Record<string, unknown> }>): boolean {
	return nodes.some((node) => node.credentials?.postgres !== undefined);
}

/** The demo webhook endpoint's signing secret (the e2e signs its events with it; not a real secret). */
export const DEMO_WEBHOOK_SECRET = `whsec_${Buffer.from('n8n-nodes-openai-platform e2e!!!').toString('base64')}`;

/** The demo credentials, pointing at a fake OpenAI API at `baseUrl` (…/v1). */
export function demoCredentials(baseUrl: string): CredentialImport[] {
	return [
		{
			...DEMO_CREDENTIALS.openAiPlatformApi,
			type: 'openAiPlatformApi',
			data: { apiKey: FAKE_KEYS.project, url: baseUrl },
		},
		{
			...DEMO_CREDENTIALS.openAiAdminApi,
			type: 'openAiAdminApi',
			data: { apiKey: FAKE_KEYS.admin, url: baseUrl },
		},
		{
			...DEMO_CREDENTIALS.openAiApi,
			type: 'openAiApi',
			data: { apiKey: FAKE_KEYS.project, url: baseUrl },
		},
		{
			...DEMO_CREDENTIALS.openAiWebhookApi,
			type: 'openAiWebhookApi',
			data: { signingSecret: DEMO_WEBHOOK_SECRET },
		},
	];
}

/** Credential references in a workflow that are not one of the demo credentials. */
export function unknownCredentialRefs(nodes: Array<{ name: string; credentials?: Record<string, { id: string; name: string }> }>): string[] {
	const known = DEMO_CREDENTIALS as Record<string, { id: string; name: string }>;
	const problems: string[] = [];
	for (const node of nodes) {
		for (const [type, ref] of Object.entries(node.credentials ?? {})) {
			const expected = known[type];
			if (!expected || expected.id !== ref.id || expected.name !== ref.name) {
				problems.push(`node "${node.name}" uses ${type} ${JSON.stringify(ref)}; the examples use ${JSON.stringify(expected ?? 'no such credential')}`);
			}
		}
	}
	return problems;
}

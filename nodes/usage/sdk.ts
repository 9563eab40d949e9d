import type OpenAI from 'openai';

import type { FetchPage, UsagePage } from './collect';
import type { NameSource } from './enrich';

/**
 * The usage engine's data sources on top of the openai SDK (`client.admin.organization…`): one SDK
 * call per page. The SDK retries 429/5xx honouring Retry-After; what still fails propagates.
 */
export function sdkFetchPage(client: OpenAI): FetchPage {
	return async (endpoint, params) => {
		const usage = client.admin.organization.usage;
		const read = usage[endpoint.sdkMethod] as (query: unknown) => Promise<unknown>;
		return (await read.call(usage, params)) as UsagePage;
	};
}

export function sdkNameSource(client: OpenAI): NameSource {
	const organization = client.admin.organization;
	return {
		async listProjects() {
			const out: Array<{ id: string; name?: string | null }> = [];
			for await (const project of organization.projects.list({ limit: 100, include_archived: true })) {
				out.push({ id: project.id, name: project.name });
			}
			return out;
		},
		async listUsers() {
			const out: Array<{ id: string; email?: string | null }> = [];
			for await (const user of organization.users.list({ limit: 100 })) out.push({ id: user.id, email: user.email });
			return out;
		},
		async listProjectApiKeys(projectId: string) {
			const out: Array<{ id: string; name?: string | null }> = [];
			const read = async () => {
				for await (const key of organization.projects.apiKeys.list(projectId, { limit: 100, owner_project_access: 'any' })) {
					out.push({ id: key.id, name: key.name });
				}
			};
			const failure: unknown = await read().then(
				() => undefined,
				(error: unknown) => error,
			);
			// Archived projects may answer 400 on their member lists; their keys have no names to offer.
			if (failure !== undefined && (failure as { status?: number }).status !== 400) throw failure;
			return out;
		},
	};
}

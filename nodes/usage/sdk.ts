import type OpenAI from 'openai';

import { take } from '../shared/list';
import { factsOf } from '../shared/shape';
import type { FetchPage } from './collect';
import type { NameSource } from './enrich';
import { FetchedPage } from './pageShape';

/**
 * The usage engine's data sources on top of the openai SDK (`client.admin.organization…`): one SDK
 * call per page. The SDK retries 429/5xx honouring Retry-After; what still fails propagates. Pages
 * are handed over with their HTTP status and content type, unchecked: the engine checks them.
 */
export function sdkFetchPage(client: OpenAI): FetchPage {
	return async (endpoint, params) => {
		const usage = client.admin.organization.usage;
		const read = usage[endpoint.sdkMethod] as (query: unknown) => { withResponse(): Promise<{ data: unknown; response: Response }> };
		const { data, response } = await read.call(usage, params).withResponse();
		return new FetchedPage(data, factsOf(response, data));
	};
}

/** The organization's lists for names, each read page by page with the shared guard and shape check. */
export function sdkNameSource(client: OpenAI): NameSource {
	const organization = client.admin.organization;
	return {
		async listProjects() {
			const projects = await take(
				organization.projects.list({ limit: 100, include_archived: true }),
				Infinity,
				'GET /organization/projects',
			);
			return projects.filter(hasId).map((project) => ({ id: project.id, name: textOrNull(project.name) }));
		},
		async listUsers() {
			const users = await take(organization.users.list({ limit: 100 }), Infinity, 'GET /organization/users');
			return users.filter(hasId).map((user) => ({ id: user.id, email: textOrNull(user.email) }));
		},
		async listProjectApiKeys(projectId: string) {
			const read = take(
				organization.projects.apiKeys.list(projectId, { limit: 100, owner_project_access: 'any' }),
				Infinity,
				`GET /organization/projects/${projectId}/api_keys`,
			);
			const keys = await read.catch((error: unknown) => {
				// Archived projects may answer 400 on their member lists; their keys have no names to offer.
				if ((error as { status?: number }).status === 400) return [];
				throw error;
			});
			return keys.filter(hasId).map((key) => ({ id: key.id, name: textOrNull(key.name) }));
		},
	};
}

/** Entries without a text ID cannot name anything. */
function hasId<T extends { id: unknown }>(entry: T): entry is T & { id: string } {
	return typeof entry.id === 'string';
}

/** A name from a list entry: text, or null for anything else (a name is decoration, never a reason to fail). */
function textOrNull(value: unknown): string | null {
	return typeof value === 'string' ? value : null;
}

import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { createTransport } from '../shared/transport/client';
import { ADMIN_CREDENTIAL } from '../shared/transport/credentialTypes';

/** Searchable pickers of the organization's projects and users (admin key, api.management.read). */
async function search(
	ctx: ILoadOptionsFunctions,
	filter: string | undefined,
	list: (transport: Awaited<ReturnType<typeof createTransport>>) => AsyncIterable<INodeListSearchItems>,
): Promise<INodeListSearchResult> {
	const transport = await createTransport(ctx, { credentialType: ADMIN_CREDENTIAL, timeoutMs: 30_000, maxRetries: 1 });
	const needle = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchItems[] = [];
	try {
		for await (const item of list(transport)) {
			const text = `${item.name} ${String(item.value)} ${item.description ?? ''}`.toLowerCase();
			if (!needle || text.includes(needle)) results.push(item);
		}
	} catch (error) {
		throw transport.toNodeError(error);
	}
	return { results };
}

export const usageSearchMethods = {
	async searchProjects(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return await search(this, filter, async function* (transport) {
			for await (const project of transport.client.admin.organization.projects.list({ limit: 100, include_archived: true })) {
				const archived = project.archived_at ? ' (archived)' : '';
				yield { name: `${project.name ?? project.id}${archived}`, value: project.id, description: project.id };
			}
		});
	},
	async searchUsers(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return await search(this, filter, async function* (transport) {
			for await (const user of transport.client.admin.organization.users.list({ limit: 100 })) {
				yield { name: user.email ?? user.name ?? user.id, value: user.id, description: user.name ?? undefined };
			}
		});
	},
};

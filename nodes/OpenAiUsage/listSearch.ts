import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { createTransport } from '../shared/transport/client';
import { ADMIN_CREDENTIAL } from '../shared/transport/credentialTypes';
import { ENTRY_SHAPES, takeChecked } from './shared/checkedList';

type Transport = Awaited<ReturnType<typeof createTransport>>;

/**
 * Searchable pickers of the organization's projects and users (admin key, api.management.read). The
 * lists are read page by page with the shared paging guard and checked like the Get Many operations.
 */
async function search(
	ctx: ILoadOptionsFunctions,
	filter: string | undefined,
	list: (transport: Transport) => Promise<INodeListSearchItems[]>,
): Promise<INodeListSearchResult> {
	const transport = await createTransport(ctx, { credentialType: ADMIN_CREDENTIAL, timeoutMs: 30_000, maxRetries: 1 });
	const needle = (filter ?? '').trim().toLowerCase();
	let items: INodeListSearchItems[];
	try {
		items = await list(transport);
	} catch (error) {
		throw transport.toNodeError(error);
	}
	const results = items.filter((item) => {
		const text = `${item.name} ${String(item.value)} ${item.description ?? ''}`.toLowerCase();
		return !needle || text.includes(needle);
	});
	return { results };
}

export const usageSearchMethods = {
	async searchProjects(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return await search(this, filter, async (transport) => {
			const projects = await takeChecked(
				transport.client.admin.organization.projects.list({ limit: 100, include_archived: true }),
				Infinity,
				'GET /organization/projects',
				ENTRY_SHAPES.project,
			);
			return projects.map((project) => {
				const archived = project.archived_at ? ' (archived)' : '';
				return { name: `${project.name ?? project.id}${archived}`, value: project.id, description: project.id };
			});
		});
	},
	async searchUsers(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return await search(this, filter, async (transport) => {
			const users = await takeChecked(
				transport.client.admin.organization.users.list({ limit: 100 }),
				Infinity,
				'GET /organization/users',
				ENTRY_SHAPES.user,
			);
			return users.map((user) => ({ name: user.email ?? user.name ?? user.id, value: user.id, description: user.name ?? undefined }));
		});
	},
};

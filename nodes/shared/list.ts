import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** "Return All" / "Limit" of the list operations, and reading an SDK list up to the limit. */
export function listProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/** Infinity for Return All. */
export function readLimit(n8n: IExecuteFunctions, itemIndex: number): number {
	if (n8n.getNodeParameter('returnAll', itemIndex, false) as boolean) return Infinity;
	return Math.max(1, Math.floor(n8n.getNodeParameter('limit', itemIndex, 50) as number));
}

/** Page size for a limit: as large as the list allows (`max`, 100 for the admin lists), no larger than needed. */
export function pageSize(limit: number, max = 100): number {
	return Number.isFinite(limit) ? Math.min(max, limit) : max;
}

/** The first `limit` entries of an (auto-paginating) SDK list. */
export async function take<T>(list: AsyncIterable<T>, limit: number): Promise<T[]> {
	const out: T[] = [];
	if (limit <= 0) return out;
	for await (const entry of list) {
		out.push(entry);
		if (out.length >= limit) break;
	}
	return out;
}

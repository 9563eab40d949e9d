import { invalidValue } from '../../errors';

/**
 * Cursor pagination of the admin list endpoints: `{ object: 'list', data, first_id, last_id, has_more }`,
 * `after=<id>` for the next page (the SDKs pass `last_id`), `before=<id>` for the previous one.
 */
export interface ListBody<T> {
	object: 'list';
	data: T[];
	first_id: string | null;
	last_id: string | null;
	has_more: boolean;
}

export function listPage<T extends { id: string }>(
	items: readonly T[],
	options: { limit: number; after?: string; before?: string },
): ListBody<T> {
	let from = 0;
	let to = items.length;
	if (options.after !== undefined) {
		const index = items.findIndex((item) => item.id === options.after);
		if (index === -1) throw invalidValue('after', `no object with ID '${options.after}' in this list.`);
		from = index + 1;
	}
	if (options.before !== undefined) {
		const index = items.findIndex((item) => item.id === options.before);
		if (index === -1) throw invalidValue('before', `no object with ID '${options.before}' in this list.`);
		to = index;
		from = Math.max(from, to - options.limit);
	}
	const data = items.slice(from, Math.min(to, from + options.limit));
	return {
		object: 'list',
		data,
		first_id: data[0]?.id ?? null,
		last_id: data[data.length - 1]?.id ?? null,
		has_more: from + data.length < to,
	};
}

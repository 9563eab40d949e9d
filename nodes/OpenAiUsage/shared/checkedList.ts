import { take } from '../../shared/list';
import type { Shape } from '../../shared/shape';
import { shape } from '../../shared/shape';

/**
 * The organization's lists and objects, checked before use: `take` checks each page (`data` a list,
 * `has_more` true or false) and guards the paging; the entries are then checked for the fields the
 * node needs (an `id` at least), so an answer of the wrong shape is a clear error, never "0 items".
 */
const id = shape.nonEmptyString;
const optionalText = shape.nullable(shape.string);

export const ENTRY_SHAPES = {
	project: shape.object({ id, name: optionalText }),
	user: shape.object({ id, email: optionalText, name: optionalText }),
	projectApiKey: shape.object({ id, name: optionalText }),
	adminApiKey: shape.object({ id, expires_at: shape.nullable(shape.number) }),
	auditLogEvent: shape.object({ id, type: shape.nonEmptyString, effective_at: shape.number }),
	rateLimit: shape.object({ id, model: shape.nonEmptyString }),
} satisfies Record<string, Shape>;

/** Like `take`, and every entry must have `entry`. `what` names the list, e.g. "GET /organization/users". */
export async function takeChecked<T>(
	list: Parameters<typeof take<T>>[0],
	limit: number,
	what: string,
	entry: Shape,
): Promise<T[]> {
	return await take(list, limit, what, { entry });
}

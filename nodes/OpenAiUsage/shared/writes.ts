import { shape } from '../../shared/shape';

/**
 * Operations that change the organization. Their descriptions start with WRITES and name the scope,
 * so an AI agent using the node as a tool cannot take a write for a read.
 */
export const WRITES = 'Writes:';
/** The scope a write needs, named in descriptions and docs. */
export const WRITE_SCOPE_NOTE = 'needs an Admin key with write access (api.management.write)';

/** The answer of a deletion or removal: `deleted` must be true, never taken for granted. */
export const DELETED_SHAPE = shape.object({
	deleted: shape.rule((value, path) => (value === true ? undefined : `\`${path}\` should be true, but is ${JSON.stringify(value)?.slice(0, 40)}`)),
});

import type { Shape } from '../../shared/shape';
import { checkShape, factsOf } from '../../shared/shape';
import { REDACTED } from '../../shared/transport/redact';

/**
 * An answer that carries a new secret (an admin key's or a service account's key, returned once):
 * checked like every answer, but when the check fails the error shows the answer with the secret
 * replaced — the key is the organization's, and error messages end up in logs and execution data.
 */
interface WithResponse<T> {
	withResponse(): Promise<{ data: T; response: Response }>;
}

export async function checkedSecretAnswer<T>(call: WithResponse<T>, wanted: Shape, expectedWhat: string, secretPath: readonly string[]): Promise<T> {
	const { data, response } = await call.withResponse();
	if (!wanted(data, '')) return data;
	return checkShape(data, wanted, expectedWhat, factsOf(response, withoutSecret(data, secretPath)));
}

/** A copy of `value` whose field at `path` (when it is a string) is replaced by "[redacted]". */
export function withoutSecret(value: unknown, path: readonly string[]): unknown {
	if (path.length === 0) return typeof value === 'string' ? REDACTED : value;
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
	const [name, ...rest] = path;
	if (!(name in value)) return value;
	return { ...(value as Record<string, unknown>), [name]: withoutSecret((value as Record<string, unknown>)[name], rest) };
}

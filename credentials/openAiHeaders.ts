import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { baseUrlProblem, normaliseBaseUrl } from '../nodes/shared/transport/credentialTypes';

/**
 * Refuses a Base URL that is not an http(s) URL before anything is sent (the credential's Test
 * shows this message; nodes check the same in createTransport), naming the field.
 */
export function assertBaseUrl(credentials: ICredentialDataDecryptedObject): void {
	const problem = baseUrlProblem(normaliseBaseUrl(credentials.url));
	if (problem) throw new UserError(problem);
}

/**
 * Adds the bearer key and the optional organization/project headers in place (the request
 * object carries an abort-signal accessor that a copy would freeze).
 */
export function attachOpenAiHeaders(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
	withProject: boolean,
): IHttpRequestOptions {
	assertBaseUrl(credentials);
	const headers = { ...(requestOptions.headers ?? {}) };
	headers.Authorization = `Bearer ${String(credentials.apiKey ?? '').trim()}`;
	const organization = String(credentials.organizationId ?? '').trim();
	if (organization) headers['OpenAI-Organization'] = organization;
	const project = withProject ? String(credentials.projectId ?? '').trim() : '';
	if (project) headers['OpenAI-Project'] = project;
	requestOptions.headers = headers;
	return requestOptions;
}

import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

/**
 * Adds the bearer key and the optional organization/project headers in place (the request
 * object carries an abort-signal accessor that a copy would freeze).
 */
export function attachOpenAiHeaders(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
	withProject: boolean,
): IHttpRequestOptions {
	const headers = { ...(requestOptions.headers ?? {}) };
	headers.Authorization = `Bearer ${String(credentials.apiKey ?? '').trim()}`;
	const organization = String(credentials.organizationId ?? '').trim();
	if (organization) headers['OpenAI-Organization'] = organization;
	const project = withProject ? String(credentials.projectId ?? '').trim() : '';
	if (project) headers['OpenAI-Project'] = project;
	requestOptions.headers = headers;
	return requestOptions;
}

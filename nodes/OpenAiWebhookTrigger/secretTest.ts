import type { ICredentialTestFunctions, ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';

/** HMAC-SHA256 keys shorter than this are not what OpenAI issues (it issues 32 bytes). */
const MIN_SECRET_BYTES = 24;

/**
 * The credential test of a signing secret. No request can prove it (OpenAI only uses it to sign what
 * it sends), so the test checks what can be checked: a `whsec_` secret whose key decodes from base64.
 */
export async function testSigningSecret(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const problem = signingSecretProblem(credential.data?.signingSecret);
	return problem ? { status: 'Error', message: problem } : { status: 'OK', message: 'The signing secret has the whsec_ format' };
}

export function signingSecretProblem(value: unknown): string | undefined {
	const secret = typeof value === 'string' ? value.trim() : '';
	if (secret === '') return 'Enter the signing secret OpenAI showed when you created the webhook endpoint';
	if (!secret.startsWith('whsec_')) return 'A signing secret starts with whsec_ (copy it from the webhook endpoint at platform.openai.com)';
	const key = secret.slice('whsec_'.length);
	if (!/^[A-Za-z0-9+/]+={0,2}$/.test(key) || Buffer.from(key, 'base64').length < MIN_SECRET_BYTES) {
		return 'The part after whsec_ is not a base64 key of at least 24 bytes: the secret was not copied whole';
	}
	return undefined;
}

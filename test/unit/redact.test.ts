import { describeKeyKind, keyKindOf, normaliseBaseUrl } from '../../nodes/shared/transport/credentialTypes';
import { redactSecrets } from '../../nodes/shared/transport/redact';

describe('redactSecrets', () => {
	it('removes exact secrets, key-like tokens (masked or not) and bearer values', () => {
		const text =
			'key my-custom-secret-value, Incorrect API key provided: sk-pro************0001. Authorization: Bearer abc.def';
		const out = redactSecrets(text, ['my-custom-secret-value']);
		expect(out).not.toContain('my-custom-secret-value');
		expect(out).not.toMatch(/sk-pro\*/);
		expect(out).not.toContain('abc.def');
		expect(out).toContain('Incorrect API key provided');
	});

	it('keeps key-kind names that carry no secret, so redacting twice changes nothing', () => {
		const hint = 'It is an Admin key (sk-admin-…); use a project key (sk-proj-...) or a user key (sk-…).';
		expect(redactSecrets(hint)).toBe(hint);
		const once = redactSecrets('Incorrect API key provided: sk-proj-********0001.');
		expect(redactSecrets(once)).toBe(once);
	});

	it('leaves ordinary text alone', () => {
		expect(redactSecrets('Rate limit reached for gpt-4o-mini')).toBe('Rate limit reached for gpt-4o-mini');
	});
});

describe('key kinds and base URLs', () => {
	it.each([
		['sk-admin-abc', 'admin'],
		['sk-proj-abc', 'project'],
		['sk-svcacct-abc', 'serviceAccount'],
		['sk-abc', 'user'],
		['  ', 'none'],
		[undefined, 'none'],
		['gsk_abc', 'unknown'],
	])('%s is %s', (key, kind) => {
		expect(keyKindOf(key)).toBe(kind);
	});

	it('describes kinds without showing a key', () => {
		expect(describeKeyKind('admin')).toBe('an Admin key (sk-admin-…)');
	});

	it('normalises base URLs', () => {
		expect(normaliseBaseUrl('https://x.test/v1///')).toBe('https://x.test/v1');
		expect(normaliseBaseUrl('')).toBe('https://api.openai.com/v1');
		expect(normaliseBaseUrl(undefined)).toBe('https://api.openai.com/v1');
	});
});

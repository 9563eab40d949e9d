// ESLint for n8n-nodes-openai-platform.
//
// Shipped code (nodes/, credentials/, package.json) gets n8n's community-node rule sets in full:
// `@n8n/eslint-plugin-community-nodes` (recommended, i.e. the n8n Cloud set) and
// `eslint-plugin-n8n-nodes-base` (community, credentials and nodes rules), with the same few
// rules switched off that n8n's own `n8n-node lint` switches off.
//
// The ONE deliberate exception: the official `openai` SDK is this package's runtime dependency.
// The project chose it on purpose (typed API, retries, pagination, error classes, kept in step
// with the API by OpenAI); it only talks to the network through n8n's own HTTP helper
// (nodes/shared/transport/n8nFetch.ts). n8n Cloud does not accept packages with runtime
// dependencies, so this package is for self-hosted n8n. The exception is made exact below:
// `no-runtime-dependencies` passes only when `dependencies` is exactly { "openai" }, and
// `no-restricted-imports` lets through only imports of `openai` and its subpaths. Any other
// dependency or import still fails lint.
//
// Tests, scripts and benchmarks are not shipped: they get typescript-eslint's recommended rules.
import js from '@eslint/js';
import n8nCommunity from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import { readFileSync } from 'node:fs';
import tseslint from 'typescript-eslint';

const community = n8nCommunity.configs.recommended;
const packageJson = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const isOnlyOpenAi = (deps) => JSON.stringify(Object.keys(deps ?? {})) === JSON.stringify(['openai']);
const isOpenAiModule = (path) => path === 'openai' || path.startsWith('openai/');

/** Runs a rule but drops the reports the exception above allows, and only those. */
function withException(rule, allows) {
	return {
		...rule,
		create(context) {
			const filtered = Object.create(context, {
				report: { value: (descriptor) => (allows(descriptor) ? undefined : context.report(descriptor)) },
			});
			return rule.create(filtered);
		},
	};
}

const communityRules = n8nCommunity.rules;
const openAiException = {
	rules: {
		'no-runtime-dependencies': withException(
			communityRules['no-runtime-dependencies'],
			() => isOnlyOpenAi(packageJson.dependencies),
		),
		'no-restricted-imports': withException(communityRules['no-restricted-imports'], (d) =>
			isOpenAiModule(String(d.data?.modulePath ?? '')),
		),
	},
};

const shippedRules = {
	...community.rules,
	'@n8n/community-nodes/no-runtime-dependencies': 'off',
	'@n8n/community-nodes/no-restricted-imports': 'off',
	'openai-exception/no-runtime-dependencies': 'error',
	'openai-exception/no-restricted-imports': 'error',
	'no-console': 'error',
};

const nodesBaseOff = {
	'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
	'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
	'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
	'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
	'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
};

export default tseslint.config(
	{
		ignores: ['dist/**', '.dev-build/**', 'node_modules/**', 'coverage/**', '.e2e/**', '.cache/**'],
	},
	{
		files: ['**/*.ts'],
		extends: [js.configs.recommended, ...tseslint.configs.recommended],
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
		},
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		plugins: {
			'@n8n/community-nodes': n8nCommunity,
			'n8n-nodes-base': n8nNodesBase,
			'openai-exception': openAiException,
		},
		rules: shippedRules,
	},
	{
		files: ['credentials/**/*.ts'],
		rules: { ...n8nNodesBase.configs.credentials.rules, ...nodesBaseOff },
	},
	{
		files: ['nodes/**/*.ts'],
		rules: { ...n8nNodesBase.configs.nodes.rules, ...nodesBaseOff },
	},
	{
		files: ['package.json'],
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { extraFileExtensions: ['.json'] },
		},
		plugins: {
			'@n8n/community-nodes': n8nCommunity,
			'n8n-nodes-base': n8nNodesBase,
			'openai-exception': openAiException,
		},
		rules: { ...shippedRules, ...n8nNodesBase.configs.community.rules },
	},
);

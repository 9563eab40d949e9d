/**
 * The README's "a build of your own" recipe (Install section), which `npm run test:e2e` runs before
 * every example: it must stay what the e2e can run, name the tarball `npm pack` writes for the current
 * version, and keep n8n's own n8n-workflow (`--omit=peer`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { localInstallRecipe, recipeForE2e } from '../../scripts/e2e/localInstall';

const root = join(__dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
const tarball = `${pkg.name}-${pkg.version}.tgz`;

describe("the README's local-install recipe", () => {
	const lines = localInstallRecipe(readme).map((line) => line.trim());

	it('installs, packs, and installs the tarball into ~/.n8n/nodes without peer dependencies', () => {
		expect(lines[0]).toBe('npm ci');
		expect(lines[1]).toMatch(/^npm pack(\s|$)/);
		expect(lines.slice(2).join('\n')).toContain(`cp ${tarball} ~/.n8n/nodes/`);
		expect(lines[lines.length - 1]).toBe(`cd ~/.n8n/nodes && npm install --omit=peer ./${tarball}`);
	});

	it('names the tarball of the current version everywhere in the README', () => {
		const named = new Set(readme.match(/n8n-nodes-openai-platform-[\w.-]+\.tgz/g));
		expect([...named]).toEqual([tarball]);
	});

	it('is run by the e2e without `npm ci` only', () => {
		const { run, skipped } = recipeForE2e(localInstallRecipe(readme));
		expect(skipped.map((line) => line.trim())).toEqual(['npm ci']);
		expect(run).toHaveLength(lines.length - 1);
	});

	it('finds the block after its marker, without comments, or says it is missing', () => {
		const text = 'intro\n<!-- local-install -->\n```sh\n# a comment\nnpm ci\n  npm pack   # builds\n```\nafter\n```sh\nnot this\n```';
		expect(localInstallRecipe(text)).toEqual(['npm ci', '  npm pack   # builds']);
		expect(() => localInstallRecipe('no marker here')).toThrow(/no shell block after <!-- local-install -->/);
	});
});

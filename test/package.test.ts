/**
 * What `npm pack` publishes: dist/ with both credentials, the node, icons and codex — and nothing
 * from test/. Runs against the current build (`npm test` builds first through `pretest`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const root = resolve(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
	files: string[];
	dependencies: Record<string, string>;
	peerDependencies: Record<string, string>;
	keywords: string[];
	license: string;
	engines: { node: string };
	n8n: { n8nNodesApiVersion: number; nodes: string[]; credentials: string[] };
};

function packedFiles(): string[] {
	if (!existsSync(join(root, 'dist'))) throw new Error('dist/ is missing: run `npm run build` first');
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: root,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'ignore'],
	});
	return (JSON.parse(out) as Array<{ files: Array<{ path: string }> }>)[0].files.map((f) => f.path);
}

describe('the published package', () => {
	const files = packedFiles();

	it('follows the community-package rules', () => {
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.license).toBe('MIT');
		expect(pkg.files).toEqual(['dist']);
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(Object.keys(pkg.dependencies)).toEqual(['openai']);
		expect(pkg.dependencies.openai).toMatch(/^7\./);
		expect(pkg.engines.node).toBe('>=24.0.0');
		expect(pkg.n8n.n8nNodesApiVersion).toBe(1);
	});

	it('holds every node and credential n8n will load, with their icons and codex', () => {
		for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			expect(entry.startsWith('dist/')).toBe(true);
			expect(files).toContain(entry);
		}
		expect(pkg.n8n.credentials).toEqual([
			'dist/credentials/OpenAiPlatformApi.credentials.js',
			'dist/credentials/OpenAiAdminApi.credentials.js',
		]);
		for (const node of pkg.n8n.nodes) expect(files).toContain(node.replace(/\.js$/, '.json'));
		expect(files).toEqual(expect.arrayContaining(['dist/icons/openai.svg', 'dist/icons/openai.dark.svg']));
	});

	it('every icon a node or credential points at is in the package', () => {
		for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			const source = readFileSync(join(root, entry), 'utf8');
			const icons = [...source.matchAll(/'file:([^']+)'/g)].map((m) => m[1]);
			expect(icons.length).toBeGreaterThan(0);
			for (const icon of icons) expect(files).toContain(join(dirname(entry), icon));
		}
	});

	it('ships nothing from test/, scripts/, examples/ or build caches', () => {
		const stray = files.filter(
			(f) => !/^(dist\/|package\.json$|README\.md$|LICENSE$)/.test(f) || /tsbuildinfo|\.test\.|\/test\//.test(f),
		);
		expect(stray).toEqual([]);
	});
});

/**
 * What `npm pack` / `npm publish` ship, proven the way a maintainer would publish: a copy of the
 * repository as a fresh clone has it (every file git tracks or would track, no dist/), then a real
 * `npm pack`, whose `prepack` must build. The tarball must hold every file package.json's `n8n`
 * section names, their codex and icons, and nothing else: no source maps, no TypeScript, nothing
 * from test/ or scripts/.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, posix, resolve } from 'node:path';

const root = resolve(__dirname, '..');

interface PackageJson {
	name: string;
	version: string;
	main?: string;
	files: string[];
	dependencies: Record<string, string>;
	peerDependencies: Record<string, string>;
	keywords: string[];
	license: string;
	engines: { node: string };
	scripts: Record<string, string>;
	n8n: { n8nNodesApiVersion: number; nodes: string[]; credentials: string[] };
}
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;

/** The files a fresh clone has: tracked and untracked-but-not-ignored ones (so uncommitted work counts). */
function cloneFiles(): string[] {
	const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' });
	return out.split('\0').filter((file) => file !== '' && existsSync(join(root, file)));
}

interface Packed {
	/** Paths inside the tarball, without the leading `package/`. */
	files: string[];
	/** The copy the tarball was packed from (its dist/ is what prepack built). */
	copy: string;
}

function packFreshCopy(scratch: string): Packed {
	const copy = join(scratch, 'clone');
	for (const file of cloneFiles()) {
		mkdirSync(dirname(join(copy, file)), { recursive: true });
		cpSync(join(root, file), join(copy, file));
	}
	symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
	if (existsSync(join(copy, 'dist'))) throw new Error('the fresh copy already has dist/');
	const out = join(scratch, 'out');
	mkdirSync(out);
	// The Node running the tests builds, whatever `node` the PATH would find first.
	const env = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}` };
	execFileSync('npm', ['pack', '--pack-destination', out], { cwd: copy, env, stdio: ['ignore', 'ignore', 'pipe'] });
	const tarballs = readdirSync(out);
	expect(tarballs).toEqual([`${pkg.name}-${pkg.version}.tgz`]);
	const listing = execFileSync('tar', ['-tzf', join(out, tarballs[0])], { encoding: 'utf8' });
	const files = listing
		.split('\n')
		.filter((line) => line !== '' && !line.endsWith('/'))
		.map((line) => line.replace(/^package\//, ''));
	return { files, copy };
}

describe('the published package', () => {
	let scratch: string;
	let packed: Packed;
	beforeAll(() => {
		scratch = mkdtempSync(join(tmpdir(), 'oaip-pack-'));
		packed = packFreshCopy(scratch);
	}, 180_000);
	afterAll(() => {
		if (scratch) rmSync(scratch, { recursive: true, force: true });
	});

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

	it('builds before packing, so a clone that was never built does not ship without code', () => {
		expect(pkg.scripts.prepack).toBe('npm run build');
		expect(existsSync(join(packed.copy, 'dist'))).toBe(true);
	});

	it('holds every node and credential n8n will load, with their icons and codex', () => {
		for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			expect(entry.startsWith('dist/')).toBe(true);
			expect(packed.files).toContain(entry);
		}
		expect(pkg.n8n.credentials).toEqual([
			'dist/credentials/OpenAiPlatformApi.credentials.js',
			'dist/credentials/OpenAiAdminApi.credentials.js',
			'dist/credentials/OpenAiWebhookApi.credentials.js',
		]);
		expect(pkg.n8n.nodes).toHaveLength(4);
		for (const node of pkg.n8n.nodes) expect(packed.files).toContain(node.replace(/\.js$/, '.json'));
		expect(packed.files).toEqual(expect.arrayContaining(['dist/icons/openai.svg', 'dist/icons/openai.dark.svg']));
	});

	it('every icon a node or credential points at is in the package', () => {
		for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			const source = readFileSync(join(packed.copy, entry), 'utf8');
			const icons = [...source.matchAll(/'file:([^']+)'/g)].map((m) => m[1]);
			expect(icons.length).toBeGreaterThan(0);
			for (const icon of icons) expect(packed.files).toContain(posix.join(posix.dirname(entry), icon));
		}
	});

	it('has no "main" pointing at a file it does not ship', () => {
		if (pkg.main !== undefined) expect(packed.files).toContain(posix.normalize(pkg.main));
	});

	it('ships compiled JavaScript only: no source maps, no TypeScript, nothing from test/, scripts/ or build caches', () => {
		const stray = packed.files.filter(
			(f) => !/^(dist\/|package\.json$|README\.md$|LICENSE$)/.test(f) || /\.map$|\.ts$|tsbuildinfo|\.test\.|\/test\//.test(f),
		);
		expect(stray).toEqual([]);
		expect(packed.files.filter((f) => f.endsWith('.js')).length).toBeGreaterThan(50);
	});
});

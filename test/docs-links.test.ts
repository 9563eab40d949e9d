/**
 * Every relative link in the repository's Markdown files points at something that exists, so the
 * docs cannot drift from the tree unnoticed. Checked: inline links and images (`[x](path)`,
 * `![x](path)`), reference definitions (`[x]: path`) and HTML `href`/`src`, outside code. External
 * links (any `scheme:`) are not fetched. Anchors are checked too: `#part` must be a heading of the
 * target Markdown file (GitHub's slugs), or of the same file for `(#part)`.
 * Markdown files: what git tracks or would track, so node_modules/, dist/, .dev-build/ never count.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '..');
const IGNORED = /^(node_modules|dist|\.dev-build)\//;

function markdownFiles(): string[] {
	const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '*.md'], { cwd: root, encoding: 'utf8' });
	return out.split('\0').filter((file) => file !== '' && !IGNORED.test(file) && existsSync(join(root, file)));
}

/** The text outside fenced code blocks and inline code spans, line by line (line numbers kept). */
export function withoutCode(markdown: string): string[] {
	let fence: string | undefined;
	return markdown.split('\n').map((line) => {
		const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
		if (fence !== undefined) {
			if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
			return '';
		}
		if (marker !== undefined) {
			fence = marker;
			return '';
		}
		return line.replace(/(`+)[^`]*?\1/g, '');
	});
}

/** Link targets on one line: inline links/images, reference definitions, HTML href/src. */
export function linkTargets(line: string): string[] {
	const targets: string[] = [];
	for (const m of line.matchAll(/\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+"[^"]*")?\s*\)/g)) targets.push(m[1].replace(/^<|>$/g, ''));
	const definition = /^\s{0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/.exec(line);
	if (definition) targets.push(definition[1].replace(/^<|>$/g, ''));
	for (const m of line.matchAll(/\b(?:href|src)="([^"]+)"/g)) targets.push(m[1]);
	return targets;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
	const text = heading
		.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/<[^>]+>/g, '')
		.replace(/[`*]/g, '')
		.trim()
		.toLowerCase();
	return text.replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '').replace(/ /g, '-');
}

const anchorCache = new Map<string, Set<string>>();
function anchorsOf(file: string): Set<string> {
	let anchors = anchorCache.get(file);
	if (anchors) return anchors;
	anchors = new Set();
	const seen = new Map<string, number>();
	for (const line of withoutCode(readFileSync(file, 'utf8'))) {
		const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
		if (heading !== undefined) {
			const base = slug(heading);
			const count = seen.get(base) ?? 0;
			seen.set(base, count + 1);
			anchors.add(count === 0 ? base : `${base}-${count}`);
		}
		for (const m of line.matchAll(/<a\s[^>]*(?:id|name)="([^"]+)"/g)) anchors.add(m[1]);
	}
	anchorCache.set(file, anchors);
	return anchors;
}

/** Why a link from `file` to `target` is broken, or undefined when it resolves. */
export function brokenLink(file: string, target: string): string | undefined {
	if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined; // external: https:, mailto:, …
	const [pathAndQuery, anchor] = target.split('#', 2) as [string, string | undefined];
	const path = decodeURIComponent(pathAndQuery.split('?')[0]);
	const resolved = path === '' ? file : path.startsWith('/') ? join(root, path) : resolve(dirname(file), path);
	if (!existsSync(resolved)) return `${relative(root, resolved)} does not exist`;
	if (anchor === undefined || anchor === '') return undefined;
	if (!statSync(resolved).isFile() || !resolved.endsWith('.md')) return undefined; // anchors into code: line refs like #L10
	if (!anchorsOf(resolved).has(anchor.toLowerCase())) return `${relative(root, resolved)} has no heading #${anchor}`;
	return undefined;
}

describe('Markdown links', () => {
	const files = markdownFiles();

	it('finds the docs (README, docs/, the READMEs under test/)', () => {
		expect(files).toEqual(expect.arrayContaining(['README.md', 'docs/E2E.md', 'test/fake-openai/README.md', 'test/contract/README.md']));
	});

	it('every relative link and anchor resolves', () => {
		const broken: string[] = [];
		let checked = 0;
		for (const file of files) {
			const lines = withoutCode(readFileSync(join(root, file), 'utf8'));
			lines.forEach((line, index) => {
				for (const target of linkTargets(line)) {
					checked++;
					const problem = brokenLink(join(root, file), target);
					if (problem) broken.push(`${file}:${index + 1}: (${target}) ${problem}`);
				}
			});
		}
		expect(broken).toEqual([]);
		expect(checked).toBeGreaterThan(20);
	});
});

describe('the link checker itself', () => {
	const readme = join(root, 'README.md');

	it('reports a missing file, a missing heading and a file moved into a folder', () => {
		expect(brokenLink(readme, 'docs/NOPE.md')).toBe('docs/NOPE.md does not exist');
		expect(brokenLink(readme, 'docs/E2E.md#no-such-heading')).toBe('docs/E2E.md has no heading #no-such-heading');
		expect(brokenLink(join(root, 'docs/E2E.md'), '../scripts/e2e/expectations.ts')).toBe('scripts/e2e/expectations.ts does not exist');
		expect(brokenLink(readme, '#no-such-section')).toBe('README.md has no heading #no-such-section');
	});

	it('accepts existing files, folders, headings and external links', () => {
		expect(brokenLink(readme, 'docs/E2E.md')).toBeUndefined();
		expect(brokenLink(readme, 'examples/')).toBeUndefined();
		expect(brokenLink(readme, '#license')).toBeUndefined();
		expect(brokenLink(readme, 'https://example.com/nowhere')).toBeUndefined();
		expect(brokenLink(readme, 'mailto:someone@example.com')).toBeUndefined();
	});

	it('reads links outside code only, in every form', () => {
		expect(withoutCode('a `[x](nope.md)` b\n```\n[y](nope.md)\n```\n[z](yes.md)')).toEqual(['a  b', '', '', '', '[z](yes.md)']);
		expect(linkTargets('see [a](docs/a.md#part) and ![img](<a b.png>) and <a href="c.md">c</a>')).toEqual(['docs/a.md#part', 'a b.png', 'c.md']);
		expect(linkTargets('[ref]: docs/ref.md "title"')).toEqual(['docs/ref.md']);
	});

	it('makes GitHub’s heading anchors', () => {
		expect(slug('The fake OpenAI API')).toBe('the-fake-openai-api');
		expect(slug('`npm run dev`')).toBe('npm-run-dev');
		expect(slug('Quick start (from a clone)')).toBe('quick-start-from-a-clone');
		expect(slug('OpenAI Platform API — for the OpenAI Platform node')).toBe('openai-platform-api--for-the-openai-platform-node');
	});
});

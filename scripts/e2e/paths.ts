import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root: the nearest folder up with package.json (works from source and from .dev-build/). */
function findRepo(from: string): string {
	let dir = from;
	while (!existsSync(join(dir, 'package.json')) || dir.endsWith('.dev-build')) {
		const parent = dirname(dir);
		if (parent === dir) throw new Error(`No package.json above ${from}`);
		dir = parent;
	}
	return dir;
}

export const REPO = findRepo(__dirname);
export const EXAMPLES_DIR = join(REPO, 'examples');

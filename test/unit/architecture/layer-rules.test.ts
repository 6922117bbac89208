import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const REPOSITORY = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const eslint = new ESLint({ cwd: REPOSITORY });

/** The no-restricted-imports messages eslint.config.js gives `source` as the file at `path`. */
async function layerErrors(path: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport const probe = 1;\n`, { filePath: join(REPOSITORY, path) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules in eslint.config.js (issue 12 §4)', () => {
  it.each([
    ['src/util/probe.ts', "import '../protocol/index.js';", 'src/util must not import src/protocol'],
    ['src/protocol/probe.ts', "import '../models/index.js';", 'src/protocol must not import src/models'],
    ['src/models/probe.ts', "export * from '../gateway/index.js';", 'src/models must not import src/gateway'],
    ['src/gateway/probe.ts', "import '../rest/index.js';", 'src/gateway must not import src/rest'],
    ['src/client/probe.ts', "import '../state/index.js';", 'src/client must not import src/state'],
    ['src/state/handlers/probe.ts', "import type { GatewaySocket } from '../../gateway/index.js';", 'src/state must not import src/gateway'],
    ['src/state/probe.ts', "import '../testing/prng.js';", 'src/state must not import src/testing'],
    ['src/server/data/probe.ts', "import '../../models/index.js';", 'src/server must not import src/models'],
    ['src/server/data/services/probe.ts', "import '../../gateway/presence.js';", 'src/server/data must not import src/server/gateway'],
    ['src/server/gateway/probe.ts', "import '../rest/index.js';", 'src/server/gateway must not import src/server/rest'],
    ['src/cli/probe.ts', "import '../testing/index.js';", 'src/cli must not import src/testing'],
    ['src/index.ts', "export * from './server/index.js';", 'src/index.ts must not import src/server'],
    ['web/src/views/probe.ts', "import '../../../src/server/index.js';", 'web must not import src/server'],
  ])('%s: %s is an error', async (path, source, expected) => {
    const errors = await layerErrors(path, source);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(expected);
  });

  it.each([
    ['src/protocol/probe.ts', "import '../util/clock.js';"],
    ['src/state/handlers/probe.ts', "import '../../models/index.js';\nimport '../../client/index.js';\nimport '../mutations/probe.js';"],
    ['src/server/data/services/probe.ts', "import '../../contracts.js';\nimport '../../../protocol/index.js';\nimport '../../../util/clock.js';"],
    ['src/cli/probe.ts', "import '../server/index.js';\nimport '../state/index.js';"],
    ['src/testing/probe.ts', "import '../server/index.js';\nimport '../state/index.js';"],
    ['web/src/probe.ts', "import '../../src/state/index.js';"],
  ])('%s: %s is allowed', async (path, source) => {
    expect(await layerErrors(path, source)).toEqual([]);
  });
});

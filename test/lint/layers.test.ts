import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import config from '../../eslint.config.js';
import { layerRules } from '../../eslint.layers.js';

const root = path.resolve(import.meta.dirname, '../..');

/** Lint a snippet as if it lived at `file`, with exactly the layer rules CI uses. */
async function lintAs(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tseslint.parser }, plugins: { '@typescript-eslint': tseslint.plugin } }, ...layerRules],
  });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('layer rules', () => {
  it('are part of the main ESLint config', () => {
    for (const rule of layerRules) expect(config).toContain(rule);
  });

  it.each([
    ['src/core/x.ts', "import { openDatabase } from '../db/database.js';"],
    ['src/core/x.ts', "import { readFileSync } from 'node:fs';"],
    ['src/core/x.ts', "import { Kysely } from 'kysely';"],
    ['src/services/x.ts', "import { UserRepository } from '../db/repositories/user.repository.js';"],
    ['src/services/x.ts', "import { createApp } from '../server/app.js';"],
    ['src/db/x.ts', "import { AuthService } from '../services/auth.service.js';"],
    ['src/server/x.ts', "import { runCli } from '../cli/main.js';"],
    ['src/server/x.ts', "import { Kysely } from 'kysely';"],
    ['web/src/x.tsx', "import { AuthService } from '../../src/services/auth.service.js';"],
    ['web/src/x.tsx', "import { LoginRequest } from '../../src/contracts/api.js';"],
  ])('%s refuses: %s', async (file, code) => {
    const messages = await lintAs(file, code);
    expect(messages.join('\n')).toMatch(/no-restricted-imports/);
  });

  it.each([
    ['src/services/x.ts', "import type { UserRepository } from '../db/repositories/user.repository.js';"],
    ['src/services/x.ts', "import { DomainError } from '../core/errors.js';"],
    ['src/server/x.ts', "import type { UserRow } from '../db/repositories/user.repository.js';"],
    ['web/src/x.tsx', "import type { MeResponse } from '../../src/contracts/api.js';"],
    ['src/bootstrap/x.ts', "import { openDatabase } from '../db/database.js';"],
  ])('%s allows: %s', async (file, code) => {
    expect(await lintAs(file, code)).toEqual([]);
  });
});

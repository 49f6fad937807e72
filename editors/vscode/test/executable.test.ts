import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { test } from 'node:test';
import { Environment, expandPath, findDiplint, isExecutableFile } from '../src/executable';

/** An environment whose only executables are `files`. */
function environment(files: string[], overrides: Partial<Environment> = {}): Environment {
  return {
    env: { PATH: '/usr/local/bin:/usr/bin' },
    platform: 'linux',
    homedir: '/home/desk',
    workspaceFolder: '/work/reports',
    isExecutableFile: (file) => files.includes(file),
    ...overrides,
  };
}

test('the diplint.path setting wins over PATH', () => {
  const lookup = findDiplint('/opt/diplint/bin/diplint', environment(['/opt/diplint/bin/diplint', '/usr/bin/diplint']));
  assert.deepEqual(lookup, { kind: 'found', path: '/opt/diplint/bin/diplint', source: 'setting' });
});

test('diplint.path expands ~ and ${workspaceFolder} and resolves relative paths', () => {
  const env = environment([]);
  assert.equal(expandPath('~/bin/diplint', env), '/home/desk/bin/diplint');
  assert.equal(expandPath('${workspaceFolder}/tools/diplint', env), '/work/reports/tools/diplint');
  assert.equal(expandPath('./tools/diplint', env), '/work/reports/tools/diplint');
});

test('a diplint.path that is not executable is reported, not silently replaced by PATH', () => {
  const lookup = findDiplint('~/bin/diplint', environment(['/usr/bin/diplint']));
  assert.deepEqual(lookup, { kind: 'setting-invalid', configured: '~/bin/diplint', resolved: '/home/desk/bin/diplint' });
});

test('a bare name in diplint.path is looked up on PATH', () => {
  const lookup = findDiplint('diplint-nightly', environment(['/usr/bin/diplint-nightly']));
  assert.deepEqual(lookup, { kind: 'found', path: '/usr/bin/diplint-nightly', source: 'setting' });
});

test('without a setting, the first diplint on PATH is used', () => {
  assert.deepEqual(findDiplint('', environment(['/usr/bin/diplint', '/home/desk/.cargo/bin/diplint'])), {
    kind: 'found',
    path: '/usr/bin/diplint',
    source: 'PATH',
  });
});

test('~/.cargo/bin is searched last, where cargo install puts diplint', () => {
  assert.deepEqual(findDiplint(undefined, environment(['/home/desk/.cargo/bin/diplint'])), {
    kind: 'found',
    path: '/home/desk/.cargo/bin/diplint',
    source: 'cargo',
  });
});

test('not found lists where it looked', () => {
  assert.deepEqual(findDiplint(undefined, environment([])), {
    kind: 'not-found',
    searched: ['/usr/local/bin', '/usr/bin', '/home/desk/.cargo/bin'],
  });
});

test('on Windows, PATHEXT names are tried', () => {
  const env = environment(['C:\\tools/diplint.exe'], {
    platform: 'win32',
    env: { PATH: 'C:\\tools', PATHEXT: '.COM;.EXE' },
  });
  const lookup = findDiplint(undefined, env);
  assert.equal(lookup.kind, 'found');
});

test('isExecutableFile checks the file system', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'diplint-exe-'));
  const script = path.join(dir, 'diplint');
  fs.writeFileSync(script, '#!/bin/sh\n');
  assert.equal(isExecutableFile(script), false);
  fs.chmodSync(script, 0o755);
  assert.equal(isExecutableFile(script), true);
  assert.equal(isExecutableFile(dir), false);
  assert.equal(isExecutableFile(path.join(dir, 'missing')), false);
  fs.rmSync(dir, { recursive: true });
});

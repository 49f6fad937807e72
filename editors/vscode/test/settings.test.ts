import { strict as assert } from 'assert';
import { test } from 'node:test';
import { SERVER_SETTINGS, toServerSettings } from '../src/settings';

const reader = (values: Record<string, unknown>) => (key: string) => values[key];

test('maps the camelCase settings to the keys of diplint.toml', () => {
  const settings = toServerSettings(
    reader({ style: 'un', documentDate: '2021-09-24', rules: { 'date/format': 'off', 'acronym/undefined': 'warning' } }),
  );
  assert.deepEqual(settings, {
    style: 'un',
    document_date: '2021-09-24',
    rules: { 'date/format': 'off', 'acronym/undefined': 'warning' },
  });
});

test('leaves out unset and empty settings so that diplint.toml applies', () => {
  assert.deepEqual(toServerSettings(reader({ style: '', documentDate: '', rules: {} })), {});
  assert.deepEqual(toServerSettings(reader({})), {});
});

test('drops malformed values and says why', () => {
  const problems: string[] = [];
  const settings = toServerSettings(
    reader({ documentDate: '24/09/2021', rules: { 'date/format': 'loud', 'date/invalid': 'error' } }),
    problems,
  );
  assert.deepEqual(settings, { rules: { 'date/invalid': 'error' } });
  assert.equal(problems.length, 2);
  assert.match(problems[0], /documentDate must be a date as YYYY-MM-DD/);
  assert.match(problems[1], /"date\/format" must be one of/);
});

test('rejects a rules value that is not an object', () => {
  const problems: string[] = [];
  assert.deepEqual(toServerSettings(reader({ rules: ['date/format'] }), problems), {});
  assert.match(problems[0], /must be an object/);
});

test('every setting sent to the server is declared in package.json', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const manifest = require('../../package.json');
  const declared = Object.keys(manifest.contributes.configuration.properties);
  for (const key of SERVER_SETTINGS) {
    assert.ok(declared.includes(key), `${key} is not in package.json`);
  }
  for (const key of ['diplint.path', 'diplint.trace.server']) {
    assert.ok(declared.includes(key), `${key} is not in package.json`);
  }
});

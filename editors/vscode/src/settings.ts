// The extension's settings and the keys the diplint server understands.
//
// VS Code names settings in camelCase under `diplint.`; the server takes the keys of
// `diplint.toml` (`document_date`, ...). An empty setting is left out, so that the
// workspace's `diplint.toml` applies: whatever the client sends wins over the file.

/** Settings as the server reads them (the keys of `diplint.toml`). */
export interface ServerSettings {
  style?: string;
  document_date?: string;
  rules?: Record<string, string>;
}

/** Reads one setting under `diplint.` (e.g. `documentDate`); undefined when unset. */
export type SettingReader = (key: string) => unknown;

/** Maps VS Code settings (camelCase) to server keys. */
const SERVER_KEYS: ReadonlyArray<[string, keyof ServerSettings]> = [
  ['style', 'style'],
  ['documentDate', 'document_date'],
  ['rules', 'rules'],
];

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint', 'off']);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The server settings for what the user set; malformed values are left out and reported. */
export function toServerSettings(read: SettingReader, problems: string[] = []): ServerSettings {
  const settings: ServerSettings = {};
  for (const [vscodeKey, serverKey] of SERVER_KEYS) {
    const value = read(vscodeKey);
    if (value === undefined || value === null || value === '') {
      continue;
    }
    switch (serverKey) {
      case 'style':
        if (typeof value === 'string') {
          settings.style = value.trim();
        } else {
          problems.push(`diplint.style must be a string`);
        }
        break;
      case 'document_date':
        if (typeof value === 'string' && ISO_DATE.test(value.trim())) {
          settings.document_date = value.trim();
        } else {
          problems.push(`diplint.documentDate must be a date as YYYY-MM-DD, not ${JSON.stringify(value)}`);
        }
        break;
      case 'rules': {
        const rules = ruleSeverities(value, problems);
        if (Object.keys(rules).length > 0) {
          settings.rules = rules;
        }
        break;
      }
    }
  }
  return settings;
}

function ruleSeverities(value: unknown, problems: string[]): Record<string, string> {
  const rules: Record<string, string> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push('diplint.rules must be an object such as { "date/format": "off" }');
    return rules;
  }
  for (const [rule, severity] of Object.entries(value)) {
    if (typeof severity === 'string' && SEVERITIES.has(severity)) {
      rules[rule] = severity;
    } else {
      problems.push(`diplint.rules: "${rule}" must be one of error, warning, info, hint, off`);
    }
  }
  return rules;
}

/** Settings whose change needs a new server process rather than a configuration update. */
export const RESTART_SETTINGS = ['diplint.path'];

/** Settings that the server receives. */
export const SERVER_SETTINGS = SERVER_KEYS.map(([key]) => `diplint.${key}`);

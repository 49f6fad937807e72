// Finding the `diplint` executable: the `diplint.path` setting, else PATH, else ~/.cargo/bin
// (where `cargo install` puts it, and which a desktop session's PATH often lacks).

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface Environment {
  /** The process environment (PATH, PATHEXT, HOME). */
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  homedir: string;
  /** First workspace folder, for relative paths and ${workspaceFolder}. */
  workspaceFolder?: string;
  isExecutableFile(file: string): boolean;
}

export type Lookup =
  | { kind: 'found'; path: string; source: 'setting' | 'PATH' | 'cargo' }
  | { kind: 'setting-invalid'; configured: string; resolved: string }
  | { kind: 'not-found'; searched: string[] };

export function systemEnvironment(workspaceFolder?: string): Environment {
  return {
    env: process.env,
    platform: process.platform,
    homedir: os.homedir(),
    workspaceFolder,
    isExecutableFile,
  };
}

export function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    if (process.platform !== 'win32') {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

/** Expands a leading `~` and `${workspaceFolder}`, and makes a relative path absolute. */
export function expandPath(configured: string, environment: Environment): string {
  let expanded = configured.trim();
  if (expanded === '~' || expanded.startsWith('~/') || expanded.startsWith('~\\')) {
    expanded = path.join(environment.homedir, expanded.slice(1));
  }
  if (environment.workspaceFolder !== undefined) {
    expanded = expanded.split('${workspaceFolder}').join(environment.workspaceFolder);
  }
  if (!path.isAbsolute(expanded) && environment.workspaceFolder !== undefined && /[\\/]/.test(expanded)) {
    expanded = path.resolve(environment.workspaceFolder, expanded);
  }
  return expanded;
}

/** Names the executable may have on this platform (diplint.exe and friends on Windows). */
function executableNames(environment: Environment): string[] {
  if (environment.platform !== 'win32') {
    return ['diplint'];
  }
  const extensions = (environment.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').filter(Boolean);
  return extensions.map((extension) => `diplint${extension.toLowerCase()}`);
}

function pathEntries(environment: Environment): string[] {
  const value = environment.env.PATH ?? environment.env.Path ?? '';
  const delimiter = environment.platform === 'win32' ? ';' : ':';
  return value.split(delimiter).filter((entry) => entry.length > 0);
}

export function findDiplint(configured: string | undefined, environment: Environment): Lookup {
  if (configured !== undefined && configured.trim() !== '') {
    const resolved = expandPath(configured, environment);
    if (!path.isAbsolute(resolved)) {
      // A bare name ("diplint-nightly"): look it up on PATH like a shell would.
      for (const directory of pathEntries(environment)) {
        const candidate = path.join(directory, resolved);
        if (environment.isExecutableFile(candidate)) {
          return { kind: 'found', path: candidate, source: 'setting' };
        }
      }
      return { kind: 'setting-invalid', configured, resolved };
    }
    return environment.isExecutableFile(resolved)
      ? { kind: 'found', path: resolved, source: 'setting' }
      : { kind: 'setting-invalid', configured, resolved };
  }
  const names = executableNames(environment);
  const searched: string[] = [];
  for (const directory of pathEntries(environment)) {
    for (const name of names) {
      const candidate = path.join(directory, name);
      if (environment.isExecutableFile(candidate)) {
        return { kind: 'found', path: candidate, source: 'PATH' };
      }
    }
    searched.push(directory);
  }
  const cargoBin = path.join(environment.env.CARGO_HOME ?? path.join(environment.homedir, '.cargo'), 'bin');
  for (const name of names) {
    const candidate = path.join(cargoBin, name);
    if (environment.isExecutableFile(candidate)) {
      return { kind: 'found', path: candidate, source: 'cargo' };
    }
  }
  searched.push(cargoBin);
  return { kind: 'not-found', searched };
}

// A stand-in for the `vscode` module, enough for DiplintController: the unit tests run on
// plain Node (node --test) with no VS Code download. Importing this file installs it.

import Module = require('module');
import * as path from 'path';

type Listener<T> = (value: T) => unknown;

export class FakeUri {
  constructor(
    readonly scheme: string,
    readonly fsPath: string,
  ) {}
  get path(): string {
    return this.fsPath;
  }
  toString(): string {
    return `${this.scheme}://${this.fsPath}`;
  }
  static file(fsPath: string): FakeUri {
    return new FakeUri('file', fsPath);
  }
  static parse(value: string): FakeUri {
    return new FakeUri(value.split(':')[0], value.replace(/^[a-z]+:\/\//, ''));
  }
  static joinPath(base: FakeUri, ...segments: string[]): FakeUri {
    return new FakeUri(base.scheme, path.join(base.fsPath, ...segments));
  }
}

export class FakeOutputChannel {
  readonly lines: string[] = [];
  shown = 0;
  constructor(readonly name: string) {}
  appendLine(line: string): void {
    this.lines.push(line);
  }
  info(line: string): void {
    this.lines.push(`[info] ${line}`);
  }
  warn(line: string): void {
    this.lines.push(`[warn] ${line}`);
  }
  error(line: string): void {
    this.lines.push(`[error] ${line}`);
  }
  show(): void {
    this.shown += 1;
  }
  dispose(): void {}
}

export interface ShownMessage {
  message: string;
  items: string[];
}

/** Everything the fake VS Code saw, and the knobs a test turns. */
export const fake = {
  settings: {} as Record<string, unknown>,
  workspaceFolders: [] as { uri: FakeUri }[],
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  executed: [] as { command: string; args: unknown[] }[],
  errors: [] as ShownMessage[],
  channels: [] as FakeOutputChannel[],
  configurationListeners: [] as Listener<{ affectsConfiguration(key: string): boolean }>[],
  /** The button the user "clicks" on the next message; undefined dismisses it. */
  answer: undefined as string | undefined,
  /** Settles when the last message's answer has been acted on. */
  lastAnswered: Promise.resolve() as Promise<unknown>,

  reset(): void {
    this.settings = {};
    this.workspaceFolders = [];
    this.commands.clear();
    this.executed = [];
    this.errors = [];
    this.channels = [];
    this.configurationListeners = [];
    this.answer = undefined;
  },

  /** Changes settings (keys as "diplint.style") and fires onDidChangeConfiguration. */
  changeSettings(changes: Record<string, unknown>): void {
    Object.assign(this.settings, changes);
    const event = {
      affectsConfiguration: (key: string) =>
        Object.keys(changes).some((changed) => changed === key || changed.startsWith(`${key}.`)),
    };
    for (const listener of this.configurationListeners) {
      listener(event);
    }
  },
};

const disposable = { dispose(): void {} };

const vscode = {
  Uri: FakeUri,
  window: {
    createOutputChannel(name: string): FakeOutputChannel {
      const channel = new FakeOutputChannel(name);
      fake.channels.push(channel);
      return channel;
    },
    showErrorMessage(message: string, ...items: string[]): Promise<string | undefined> {
      fake.errors.push({ message, items });
      const answer = fake.answer !== undefined && items.includes(fake.answer) ? fake.answer : undefined;
      const answered = Promise.resolve(answer);
      fake.lastAnswered = answered.then(() => new Promise((resolve) => setImmediate(resolve)));
      return answered;
    },
  },
  commands: {
    registerCommand(command: string, callback: (...args: unknown[]) => unknown) {
      fake.commands.set(command, callback);
      return { dispose: () => fake.commands.delete(command) };
    },
    async executeCommand(command: string, ...args: unknown[]): Promise<unknown> {
      fake.executed.push({ command, args });
      return fake.commands.get(command)?.(...args);
    },
  },
  workspace: {
    get workspaceFolders() {
      return fake.workspaceFolders;
    },
    getConfiguration(section: string) {
      return {
        get: (key: string) => fake.settings[`${section}.${key}`],
      };
    },
    onDidChangeConfiguration(listener: Listener<{ affectsConfiguration(key: string): boolean }>) {
      fake.configurationListeners.push(listener);
      return disposable;
    },
  },
};

// Resolve `require('vscode')` to the fake from now on.
const moduleWithLoad = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const originalLoad = moduleWithLoad._load;
moduleWithLoad._load = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? vscode : originalLoad.call(this, request, ...rest);
};

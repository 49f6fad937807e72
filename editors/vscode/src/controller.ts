// What the extension does in VS Code: find the server, start it, keep its settings current,
// restart it on demand, and say clearly what is wrong when it cannot run.
//
// The language client itself is behind `ClientFactory`, so that this logic is testable
// without VS Code (see test/controller.test.ts).

import * as vscode from 'vscode';
import { Environment, findDiplint, Lookup, systemEnvironment } from './executable';
import { RESTART_SETTINGS, SERVER_SETTINGS, ServerSettings, toServerSettings } from './settings';

/** A running (or startable) connection to `diplint lsp`. */
export interface ServerClient {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Tells the running server that the settings changed. */
  sendSettings(settings: ServerSettings): Promise<void>;
}

export interface ClientOptions {
  /** Absolute path of the diplint executable. */
  command: string;
  outputChannel: vscode.LogOutputChannel;
  /** The settings for a resource (or the window), mapped to the server's keys. */
  settingsFor(scope?: vscode.Uri): ServerSettings;
}

export type ClientFactory = (options: ClientOptions) => ServerClient;

export const COMMAND_RESTART = 'diplint.restartServer';
export const COMMAND_SHOW_OUTPUT = 'diplint.showOutput';

const INSTALL_INSTRUCTIONS = 'Install instructions';
const SET_PATH = 'Set diplint.path';
const SHOW_OUTPUT = 'Show output';

export class DiplintController implements vscode.Disposable {
  private client: ServerClient | undefined;
  private readonly output: vscode.LogOutputChannel;
  private readonly disposables: vscode.Disposable[] = [];
  /** Serialises start/stop/restart so that quick successive commands do not race. */
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly createClient: ClientFactory,
    private readonly environment: () => Environment = () => systemEnvironment(firstWorkspaceFolder()),
  ) {
    this.output = vscode.window.createOutputChannel('diplint', { log: true });
    this.disposables.push(
      this.output,
      vscode.commands.registerCommand(COMMAND_RESTART, () => this.restart()),
      vscode.commands.registerCommand(COMMAND_SHOW_OUTPUT, () => this.output.show(true)),
      vscode.workspace.onDidChangeConfiguration((event) => this.onConfigurationChanged(event)),
    );
  }

  /** Starts the server if the executable is found; resolves once it runs or failed to. */
  start(): Promise<void> {
    return this.serialised(() => this.startNow());
  }

  restart(): Promise<void> {
    return this.serialised(async () => {
      await this.stopNow();
      await this.startNow();
    });
  }

  stop(): Promise<void> {
    return this.serialised(() => this.stopNow());
  }

  /** Whether a server client exists (it may still be starting). */
  get running(): boolean {
    return this.client !== undefined;
  }

  dispose(): void {
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
  }

  private serialised(task: () => Promise<void>): Promise<void> {
    this.pending = this.pending.then(task, task);
    return this.pending;
  }

  private async startNow(): Promise<void> {
    if (this.client !== undefined) {
      return;
    }
    const configured = vscode.workspace.getConfiguration('diplint').get<string>('path');
    const lookup = findDiplint(configured, this.environment());
    if (lookup.kind !== 'found') {
      this.reportMissing(lookup);
      return;
    }
    this.output.info(`Starting ${lookup.path} lsp (found via ${lookup.source})`);
    const client = this.createClient({
      command: lookup.path,
      outputChannel: this.output,
      settingsFor: (scope) => this.settingsFor(scope),
    });
    this.client = client;
    try {
      await client.start();
    } catch (error) {
      this.client = undefined;
      const message = error instanceof Error ? error.message : String(error);
      this.output.error(`The server did not start: ${message}`);
      void vscode.window
        .showErrorMessage(`diplint: the language server (${lookup.path} lsp) did not start: ${message}`, SHOW_OUTPUT)
        .then((choice) => (choice === SHOW_OUTPUT ? this.output.show(true) : undefined));
    }
  }

  private async stopNow(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client !== undefined) {
      try {
        await client.stop();
      } catch (error) {
        // A server that already died cannot be stopped; that is fine when restarting.
        this.output.warn(`Stopping the server: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  private settingsFor(scope?: vscode.Uri): ServerSettings {
    const configuration = vscode.workspace.getConfiguration('diplint', scope);
    const problems: string[] = [];
    const settings = toServerSettings((key) => configuration.get(key), problems);
    for (const problem of problems) {
      this.output.warn(`Setting ignored: ${problem}`);
    }
    return settings;
  }

  private onConfigurationChanged(event: vscode.ConfigurationChangeEvent): void {
    if (RESTART_SETTINGS.some((key) => event.affectsConfiguration(key))) {
      void this.restart();
    } else if (SERVER_SETTINGS.some((key) => event.affectsConfiguration(key))) {
      void this.client?.sendSettings(this.settingsFor());
    }
  }

  private reportMissing(lookup: Exclude<Lookup, { kind: 'found' }>): void {
    const message =
      lookup.kind === 'setting-invalid'
        ? `diplint: "diplint.path" is set to ${lookup.configured}, but ${lookup.resolved} is not an executable file.`
        : 'diplint: the diplint executable was not found on PATH or in ~/.cargo/bin. Install diplint, or set "diplint.path" to where it is.';
    this.output.error(message);
    if (lookup.kind === 'not-found') {
      this.output.info(`Searched: ${lookup.searched.join(', ')}`);
    }
    void vscode.window.showErrorMessage(message, INSTALL_INSTRUCTIONS, SET_PATH).then((choice) => {
      if (choice === INSTALL_INSTRUCTIONS) {
        return this.showInstallInstructions();
      }
      if (choice === SET_PATH) {
        return vscode.commands.executeCommand('workbench.action.openSettings', 'diplint.path');
      }
      return undefined;
    });
  }

  /** The extension's README (shipped in the .vsix) says how to install diplint; no network needed. */
  private showInstallInstructions(): Thenable<unknown> {
    const readme = vscode.Uri.joinPath(this.extensionUri, 'README.md');
    return vscode.commands.executeCommand('markdown.showPreview', readme);
  }
}

function firstWorkspaceFolder(): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined;
}

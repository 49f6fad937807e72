// Entry point: wires DiplintController to vscode-languageclient.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ClientFactory, ClientOptions, DiplintController, ServerClient } from './controller';
import { ServerSettings } from './settings';

let controller: DiplintController | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  controller = new DiplintController(context.extensionUri, languageClientFactory);
  context.subscriptions.push(controller);
  await controller.start();
}

export async function deactivate(): Promise<void> {
  await controller?.stop();
  controller = undefined;
}

/** The languages diplint checks, from files on disk and unsaved editors. */
const DOCUMENT_SELECTOR = ['markdown', 'plaintext'].flatMap((language) => [
  { scheme: 'file', language },
  { scheme: 'untitled', language },
]);

const languageClientFactory: ClientFactory = (options: ClientOptions): ServerClient => {
  // Loaded here, not at the top, so that the controller's tests need no language client.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const lc = require('vscode-languageclient/node') as typeof import('vscode-languageclient/node');
  const watcher = vscode.workspace.createFileSystemWatcher('**/{diplint.toml,.diplint.toml}');
  const client: LanguageClient = new lc.LanguageClient(
    'diplint',
    'diplint',
    // No `transport`: with TransportKind.stdio the client would append `--stdio` to the arguments.
    { command: options.command, args: ['lsp'] },
    {
      documentSelector: DOCUMENT_SELECTOR,
      outputChannel: options.outputChannel,
      initializationOptions: () => options.settingsFor(),
      synchronize: { fileEvents: watcher },
      middleware: {
        workspace: {
          // The server asks for section "diplint"; answer with its own key names.
          configuration: async (params, token, next) => {
            const answers = await next(params, token);
            if (!Array.isArray(answers)) {
              return answers;
            }
            return params.items.map((item, index) =>
              item.section === 'diplint'
                ? options.settingsFor(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined)
                : answers[index],
            );
          },
        },
      },
    },
  );
  return {
    start: () => client.start(),
    stop: async () => {
      watcher.dispose();
      if (client.needsStop()) {
        await client.stop(5000);
      }
      await client.dispose();
    },
    sendSettings: (settings: ServerSettings) =>
      client.sendNotification(lc.DidChangeConfigurationNotification.type, { settings: { diplint: settings } }),
  };
};

import { fake, FakeUri } from './vscode-mock'; // first: installs the fake `vscode` module
import { strict as assert } from 'assert';
import { beforeEach, test } from 'node:test';
import { ClientOptions, COMMAND_RESTART, COMMAND_SHOW_OUTPUT, DiplintController, ServerClient } from '../src/controller';
import { Environment } from '../src/executable';
import { ServerSettings } from '../src/settings';

/** A language client that records what the controller asked of it. */
class RecordingClient implements ServerClient {
  readonly events: string[] = [];
  readonly settingsSent: ServerSettings[] = [];
  constructor(
    readonly options: ClientOptions,
    private readonly failStart = false,
  ) {}
  async start(): Promise<void> {
    this.events.push('start');
    if (this.failStart) {
      throw new Error('exited with code 2');
    }
  }
  async stop(): Promise<void> {
    this.events.push('stop');
  }
  async sendSettings(settings: ServerSettings): Promise<void> {
    this.settingsSent.push(settings);
  }
}

const extensionUri = FakeUri.file('/ext/diplint');
let clients: RecordingClient[];
let failStart: boolean;

function environment(executables: string[]): () => Environment {
  return () => ({
    env: { PATH: '/usr/bin' },
    platform: 'linux',
    homedir: '/home/desk',
    isExecutableFile: (file) => executables.includes(file),
  });
}

function controller(executables: string[]): DiplintController {
  return new DiplintController(
    extensionUri as never,
    (options) => {
      const client = new RecordingClient(options, failStart);
      clients.push(client);
      return client;
    },
    environment(executables),
  );
}

beforeEach(() => {
  fake.reset();
  clients = [];
  failStart = false;
});

test('starts `diplint lsp` from PATH and registers its commands', async () => {
  const subject = controller(['/usr/bin/diplint']);
  await subject.start();
  assert.equal(clients.length, 1);
  assert.equal(clients[0].options.command, '/usr/bin/diplint');
  assert.deepEqual(clients[0].events, ['start']);
  assert.ok(subject.running);
  assert.ok(fake.commands.has(COMMAND_RESTART));
  assert.ok(fake.commands.has(COMMAND_SHOW_OUTPUT));
  assert.deepEqual(fake.errors, []);
});

test('the server gets the settings under its own key names', async () => {
  fake.settings = { 'diplint.style': 'un', 'diplint.documentDate': '2021-09-24', 'diplint.rules': { 'date/format': 'off' } };
  await controller(['/usr/bin/diplint']).start();
  assert.deepEqual(clients[0].options.settingsFor(), {
    style: 'un',
    document_date: '2021-09-24',
    rules: { 'date/format': 'off' },
  });
});

test('a changed setting is sent to the running server without a restart', async () => {
  await controller(['/usr/bin/diplint']).start();
  fake.changeSettings({ 'diplint.style': 'eu' });
  assert.deepEqual(clients[0].settingsSent, [{ style: 'eu' }]);
  assert.equal(clients.length, 1);
});

test('a changed diplint.path restarts the server with the new executable', async () => {
  const subject = controller(['/usr/bin/diplint', '/opt/diplint']);
  await subject.start();
  fake.changeSettings({ 'diplint.path': '/opt/diplint' });
  await subject.start(); // waits for the queued restart
  assert.deepEqual(clients[0].events, ['start', 'stop']);
  assert.equal(clients[1].options.command, '/opt/diplint');
});

test('the restart command stops the server and starts a new one', async () => {
  const subject = controller(['/usr/bin/diplint']);
  await subject.start();
  await fake.commands.get(COMMAND_RESTART)!();
  assert.deepEqual(clients[0].events, ['start', 'stop']);
  assert.deepEqual(clients[1].events, ['start']);
  assert.ok(subject.running);
});

test('the show-output command reveals the diplint channel', async () => {
  await controller(['/usr/bin/diplint']).start();
  await fake.commands.get(COMMAND_SHOW_OUTPUT)!();
  assert.equal(fake.channels[0].name, 'diplint');
  assert.equal(fake.channels[0].shown, 1);
});

test('no executable: a clear message with the install instructions one click away', async () => {
  fake.answer = 'Install instructions';
  const subject = controller([]);
  await subject.start();
  assert.equal(clients.length, 0);
  assert.equal(subject.running, false);
  assert.equal(fake.errors.length, 1);
  assert.match(fake.errors[0].message, /diplint executable was not found.*set "diplint.path"/);
  assert.deepEqual(fake.errors[0].items, ['Install instructions', 'Set diplint.path']);
  await fake.lastAnswered;
  assert.deepEqual(fake.executed, [{ command: 'markdown.showPreview', args: [FakeUri.file('/ext/diplint/README.md')] }]);
});

test('no executable: "Set diplint.path" opens that setting', async () => {
  fake.answer = 'Set diplint.path';
  await controller([]).start();
  await fake.lastAnswered;
  assert.deepEqual(fake.executed, [{ command: 'workbench.action.openSettings', args: ['diplint.path'] }]);
});

test('a diplint.path that is not executable is named in the message', async () => {
  fake.settings = { 'diplint.path': '~/bin/diplint' };
  await controller(['/usr/bin/diplint']).start();
  assert.equal(clients.length, 0);
  assert.match(fake.errors[0].message, /"diplint.path" is set to ~\/bin\/diplint, but \/home\/desk\/bin\/diplint is not an executable/);
});

test('a server that fails to start is reported, and restart tries again', async () => {
  failStart = true;
  const subject = controller(['/usr/bin/diplint']);
  await subject.start();
  assert.equal(subject.running, false);
  assert.match(fake.errors[0].message, /did not start: exited with code 2/);
  assert.deepEqual(fake.errors[0].items, ['Show output']);
  failStart = false;
  await fake.commands.get(COMMAND_RESTART)!();
  assert.ok(subject.running);
  assert.equal(clients.length, 2);
});

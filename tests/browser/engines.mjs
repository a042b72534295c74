// The widget's browser tests outside Chromium: Firefox, WebKitGTK and WPE WebKit, each driven
// through its own WebDriver server with selenium-webdriver (Playwright drives only its own patched
// builds of these engines, which cannot be downloaded here). Debian's packages, which
// scripts/setup.sh --test installs:
//
//   firefox   Firefox ESR (firefox-esr), headless, through geckodriver (crates.io)
//   webkit    WebKitGTK's MiniBrowser through WebKitWebDriver (webkit2gtk-driver), on an Xvfb
//             display (xvfb): WebKitGTK has no headless mode
//   wpe       WPE WebKit 2.38 (about Safari 16.0) in cog's headless platform, through WPEWebDriver
//             (wpewebkit-driver, cog)
//
// `launch(name)` starts the driver (and the display) once; `open(url)` starts a new browser with a
// fresh profile (a new WebDriver session) and returns a tab with the few operations the suite
// needs: evaluate a function in the page, wait for a condition in the page, read the console where
// the engine tells it. Nothing here waits for a guess of time: the driver is ready when it answers
// /status, the page when its condition holds.
//
// What the engines do not allow, measured with Debian's builds (a suite moving here must do
// without it, or keep that check in Chromium):
//   - console messages: Firefox only, through WebDriver BiDi. WebKitGTK 2.50's driver refuses the
//     webSocketUrl capability and WPE 2.38's does not know it; classic WebDriver has no log
//     endpoint. A page that loads tests/browser/fixtures/said.js records them itself.
//   - scripts run before the page's own (Playwright's addInitScript): BiDi's preload scripts, so
//     Firefox only; not offered here, for one behaviour in every engine.
//   - reduced motion: Firefox (a pref) and WebKitGTK (GTK's gtk-enable-animations) reduce it, and
//     open() checks that the page sees it; WPE 2.38 has no setting, so its pages animate.
//   - request routing (Playwright's route()): none in any of them; pages use the test server's
//     own routes.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import webdriver from 'selenium-webdriver';
import { Executor, HttpClient } from 'selenium-webdriver/http/index.js';

const { Capabilities, WebDriver } = webdriver;

/** How each engine is started: the driver command, its environment, and the session's capabilities. */
const ENGINES = {
  firefox: {
    driver: 'geckodriver',
    // BiDi on a port of its own (geckodriver's default, 9222, is one for every run on the machine).
    args: () => ['--websocket-port=0'],
    display: false,
    reducedMotion: true, // the ui.prefersReducedMotion pref below
    capabilities: () => ({
      browserName: 'firefox',
      webSocketUrl: true, // WebDriver BiDi: console messages
      'moz:firefoxOptions': {
        binary: process.env.FIREFOX || '/usr/bin/firefox-esr',
        args: ['-headless'],
        prefs: { 'ui.prefersReducedMotion': 1 },
      },
    }),
  },
  webkit: {
    driver: 'WebKitWebDriver',
    display: true,
    reducedMotion: true, // GTK's gtk-enable-animations=0, written for the driver in launch()
    capabilities: () => ({}),
  },
  wpe: {
    driver: 'WPEWebDriver',
    display: false,
    reducedMotion: false, // WPE 2.38 and cog have no setting for it
    capabilities: () => ({
      'wpe:browserOptions': { binary: process.env.COG || '/usr/bin/cog', args: ['--automation', '--platform=headless'] },
    }),
  },
};

export const NAMES = Object.keys(ENGINES);

/** A free TCP port on the loopback interface, for a driver to listen on. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Where `command` is on PATH, or null. */
function which(command) {
  for (const dir of (process.env.PATH || '').split(':')) {
    if (dir && existsSync(join(dir, command))) return join(dir, command);
  }
  return null;
}

/** Spawns a process and resolves with it once `ready(output)` holds for its collected output. */
function started(command, args, { env, ready, fd3 = false }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe', ...(fd3 ? ['pipe'] : [])] });
    let output = '';
    const collect = (chunk) => {
      output += chunk;
      const value = ready(output);
      if (value != null) resolve({ child, value, output: () => output });
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    if (fd3) child.stdio[3].on('data', collect);
    child.on('error', reject);
    child.on('exit', (code, signal) => reject(new Error(`${command} exited (${signal || code}) before it was ready:\n${output}`)));
  });
}

/** Stops a child process this module started, and waits until it has exited. */
function stop(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

/** Polls the driver's /status until it says it is ready (a driver answers within a second or two). */
async function driverReady(url, child, timeout = 30000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the driver exited (${child.exitCode}) before it was ready`);
    try {
      const status = await (await fetch(`${url}/status`)).json();
      if (status.value?.ready !== false) return;
    } catch {} // not listening yet
    if (Date.now() > deadline) throw new Error(`the driver at ${url} was not ready after ${timeout / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50)); // the poll's interval, not a wait for readiness
  }
}

/**
 * Starts the WebDriver server for `name` ('firefox', 'webkit' or 'wpe'). Resolves with
 * `{ name, open(url, options), close() }`; throws with the command to install when the driver is
 * missing (scripts/setup.sh --test installs all three).
 */
export async function launch(name) {
  const engine = ENGINES[name];
  if (!engine) throw new Error(`engines: unknown engine "${name}": use one of ${NAMES.join(', ')}`);
  const driverPath = which(engine.driver);
  if (!driverPath) throw new Error(`engines: ${engine.driver} is not on PATH: run bash scripts/setup.sh --test`);
  const owned = [];
  const scratch = mkdtempSync(join(tmpdir(), `ra-${name}-`));
  // JavaScriptCore on Linux x64 has a wasm on-stack-replacement fault (WebKit bug 289009; Bun
  // turns the option off for it too): a long loop entered in the interpreter and moved to the JIT
  // mid-run can trap with a spurious "Out of bounds memory access". When OSR happens depends on
  // how soon the background compile finishes, so the trap comes and goes with machine speed.
  // Without OSR a function still reaches the JIT, on its next call.
  const env = { ...process.env, JSC_useWasmOSR: '0' };
  try {
    if (engine.display) {
      // Xvfb picks a free display itself and writes its number on fd 3 (-displayfd): no race
      // between two runs for a display, no lock or auth files left behind when it is stopped.
      const xvfb = await started('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
        env, fd3: true, ready: (out) => /^(\d+)\n/m.exec(out)?.[1] ?? null,
      });
      owned.push(xvfb.child);
      env.DISPLAY = `:${xvfb.value}`;
      // WebKitGTK reads prefers-reduced-motion from GTK's own setting.
      mkdirSync(join(scratch, 'gtk-3.0'), { recursive: true });
      writeFileSync(join(scratch, 'gtk-3.0', 'settings.ini'), '[Settings]\ngtk-enable-animations=0\n');
      env.XDG_CONFIG_HOME = scratch;
    }
    const port = await freePort();
    const driver = spawn(driverPath, [`--port=${port}`, ...(engine.args?.() ?? [])], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    owned.push(driver);
    let log = '';
    driver.stdout.on('data', (c) => { log += c; });
    driver.stderr.on('data', (c) => { log += c; });
    const url = `http://127.0.0.1:${port}`;
    await driverReady(url, driver).catch((e) => { throw new Error(`${e.message}\n${log}`); });
    const executor = () => new Executor(new HttpClient(url));
    return {
      name,
      /** Whether pages match `prefers-reduced-motion: reduce` (open() checks it): false in WPE. */
      reducedMotion: engine.reducedMotion,
      /** Whether tab.console() reports console messages (WebDriver BiDi): Firefox only. */
      console: name === 'firefox',
      /**
       * Opens `url` (none: about:blank) in a new browser with a fresh profile (a new WebDriver
       * session: its own cache, storage and cookies) and resolves with its tab, once loaded.
       */
      async open(pageUrl) {
        const session = WebDriver.createSession(executor(), new Capabilities(engine.capabilities()));
        await session.getSession();
        try {
          return await tab(session, name, pageUrl, engine.reducedMotion);
        } catch (e) {
          await session.quit().catch(() => {});
          throw e;
        }
      },
      /** What the driver printed so far (to explain a failure). */
      log: () => log,
      async close() {
        for (const child of owned.reverse()) await stop(child);
        rmSync(scratch, { recursive: true, force: true });
      },
    };
  } catch (e) {
    for (const child of owned.reverse()) await stop(child);
    rmSync(scratch, { recursive: true, force: true });
    throw e;
  }
}

/** A function's source as a WebDriver script: called with the script's arguments, its result returned (awaited). */
const script = (fn) => `return (${fn}).apply(null, arguments)`;

async function tab(driver, name, url, reducedMotion) {
  let messages = null;
  if (name === 'firefox') {
    // Subscribed before the page loads, so nothing it says is missed.
    messages = [];
    const bidi = await driver.getBidi();
    await bidi.subscribe('log.entryAdded');
    bidi.socket.on('message', (data) => {
      const m = JSON.parse(data);
      if (m.method === 'log.entryAdded') messages.push({ level: m.params.level, type: m.params.method ?? m.params.type, text: m.params.text });
    });
  }
  await driver.get(url || 'about:blank');
  const caps = await driver.getCapabilities();
  const browser = { name: caps.getBrowserName(), version: caps.getBrowserVersion() };
  const reduced = await driver.executeScript(script(() => matchMedia('(prefers-reduced-motion: reduce)').matches));
  if (reduced !== reducedMotion) {
    throw new Error(`engines: ${name} (${browser.name} ${browser.version}) was to ${reducedMotion ? '' : 'not '}reduce motion, and does ${reduced ? '' : 'not'}`);
  }
  return {
    driver,
    browser,
    /** Runs `fn(...args)` in the page; resolves with its result (a promise is awaited), as JSON-like data. */
    evaluate: (fn, ...args) => driver.executeScript(script(fn), ...args),
    /**
     * Resolves with `fn(...args)`'s result, run in the page, once it is truthy; rejects after
     * `timeout` ms (a bound for a failure, not a wait: it passes as soon as the condition holds).
     */
    waitFor: (fn, args = [], { timeout = 30000, message } = {}) => driver.wait(() => driver.executeScript(script(fn), ...args), timeout, message),
    /** Console messages so far, [{ level, type, text }] (Firefox), or null: the WebKit drivers report none. */
    console: () => messages && [...messages],
    /** Navigates this tab to `url` and resolves once it has loaded. */
    goto: (u) => driver.get(u),
    /** Ends the session: the browser and its profile are gone. */
    close: () => driver.quit(),
  };
}

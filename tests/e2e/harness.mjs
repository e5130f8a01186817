// Shared by the browser tests (*.test.mjs here): the real kehou binary serving web/dist on an
// ephemeral loopback port with a temporary SQLite database, and Debian's chromium driven by
// playwright-core. Env: KEHOU_BIN (default build/kehou), KEHOU_WEB_ROOT (default web/dist),
// CHROMIUM (default /usr/bin/chromium),
// E2E_SCREENSHOTS=<dir> to keep a PNG of each page checked.
import assert from 'node:assert/strict'
import { execFileSync, spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
// playwright-core is a devDependency of web/, not of the repository root.
const { chromium } = createRequire(path.join(repoRoot, 'web/package.json'))('playwright-core')

const KEHOU_BIN = path.resolve(repoRoot, process.env.KEHOU_BIN ?? 'build/kehou')
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
const WEB_ROOT = process.env.KEHOU_WEB_ROOT ? path.resolve(process.env.KEHOU_WEB_ROOT) : path.join(repoRoot, 'web/dist')
export const SHOTS = process.env.E2E_SCREENSHOTS ? path.resolve(process.env.E2E_SCREENSHOTS) : null
export const DESKTOP = { width: 1440, height: 900 }
export const PHONE = { width: 390, height: 844 }
/** The password of the demo.* accounts `kehou seed` creates. */
export const DEMO_PASSWORD = 'Kehou@2026'

// ---------------------------------------------------------------------------------------------
// The server under test, started on an ephemeral loopback port and stopped by its own PID.

/**
 * Creates the accounts with `kehou admin create-user` in a fresh database, then starts
 * `kehou serve` on it. An account: { username, displayName, role, scope, password, demo }.
 * `seed: 'tiny'` first loads the demo city at that scale (`kehou seed`: 3 schools, 600 students
 * and the demo.* accounts, password DEMO_PASSWORD).
 */
export async function startServer(accounts = [], { seed } = {}) {
  assert.ok(fs.existsSync(KEHOU_BIN), `kehou binary not found at ${KEHOU_BIN}: build it first (or set KEHOU_BIN)`)
  assert.ok(
    fs.existsSync(path.join(WEB_ROOT, 'index.html')),
    `${WEB_ROOT}/index.html not found: run \`cd web && npm ci && npm run build\` first`,
  )
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kehou-e2e-'))
  const db = path.join(tmpDir, 'e2e.db')
  if (seed) execFileSync(KEHOU_BIN, ['seed', '--scale', seed, '--db', db], { cwd: repoRoot, stdio: 'pipe' })
  for (const a of accounts) {
    const args = ['admin', 'create-user', '--db', db, '--username', a.username, '--display-name', a.displayName]
    args.push('--role', a.role, '--scope', a.scope, '--password', a.password)
    if (a.demo) args.push('--demo')
    execFileSync(KEHOU_BIN, args, { cwd: repoRoot, stdio: 'pipe' })
  }

  const args = ['serve', '--port', '0', '--db', db, '--web-root', WEB_ROOT]
  const child = spawn(KEHOU_BIN, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  // Keep draining both pipes for the server's whole life, so a chatty log never blocks it.
  child.stdout.setEncoding('utf8').on('data', (d) => (output += d))
  child.stderr.setEncoding('utf8').on('data', (d) => (output += d))
  // Never leave the server behind, even when the runner is interrupted.
  process.on('exit', () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  })

  const baseUrl = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kehou did not report listening within 30 s:\n${output}`)), 30_000)
    const onData = () => {
      const m = output.match(/kehou listening on (http:\/\/127\.0\.0\.1:\d+)/)
      if (m) {
        clearTimeout(timer)
        child.stdout.off('data', onData)
        child.off('exit', onExit)
        resolve(m[1])
      }
    }
    const onExit = (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`kehou exited before listening (${code ?? signal}):\n${output}`))
    }
    child.stdout.on('data', onData)
    child.on('exit', onExit)
    child.on('error', (e) => {
      clearTimeout(timer)
      reject(e)
    })
  })
  return { child, baseUrl, tmpDir, output: () => output, url: (p) => `${baseUrl}${p}` }
}

export async function stopServer(s) {
  if (!s) return
  const { child } = s
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM') // by PID: this child only
    const hard = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(hard)
  }
  fs.rmSync(s.tmpDir, { recursive: true, force: true })
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}

// ---------------------------------------------------------------------------------------------
// A page with a watch on everything that can go wrong silently.

/**
 * Opens a fresh browser context and records console errors, uncaught page errors, network
 * failures and HTTP error responses. `expected` lists the failures a test provokes on purpose,
 * as [method, path, status]; each may happen any number of times. `storageState` starts the
 * context signed in (see `signIn`).
 */
export async function openPage(browser, viewport, { expected = [], storageState } = {}) {
  const context = await browser.newContext({
    viewport,
    // A device clock far from Beijing: the UI must still show Asia/Shanghai time.
    timezoneId: 'America/New_York',
    locale: 'en-US',
    storageState,
  })
  const page = await context.newPage()
  page.setDefaultTimeout(15_000)
  const problems = []
  const isExpected = (url, method, status) =>
    expected.some(([m, p, s]) => new URL(url).pathname === p && (!method || m === method) && (!status || s === status))

  page.on('console', (msg) => {
    if (msg.type() !== 'error') return
    const where = msg.location()?.url
    // Chrome logs every 4xx/5xx resource as a console error; the provoked ones are expected.
    const status = Number(msg.text().match(/status of (\d{3})/)?.[1] ?? 0)
    if (where && /Failed to load resource/.test(msg.text()) && isExpected(where, null, status)) return
    problems.push(`console error: ${msg.text()}${where ? ` (${where})` : ''}`)
  })
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
  page.on('requestfailed', (req) => {
    // A page.goto() while an image of the page before is still loading cancels it: not a fault.
    const aborted = req.failure()?.errorText === 'net::ERR_ABORTED'
    if (aborted && new URL(req.url()).pathname.startsWith('/assets/')) return
    problems.push(`request failed: ${req.method()} ${req.url()} ${req.failure()?.errorText ?? ''}`)
  })
  page.on('response', (res) => {
    if (res.status() >= 400 && !isExpected(res.url(), res.request().method(), res.status())) {
      problems.push(`HTTP ${res.status()} ${res.request().method()} ${res.url()}`)
    }
  })

  async function shot(name) {
    if (!SHOTS) return
    fs.mkdirSync(SHOTS, { recursive: true })
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true })
  }
  return {
    page,
    context,
    problems,
    shot,
    async close(name) {
      if (name) await shot(name)
      // What went wrong while the page was in use; closing aborts requests still in flight, which is the
      // test's doing, not the page's.
      const seen = [...problems]
      await context.close()
      assert.deepEqual(seen, [], 'console errors, page errors or failed requests')
    },
  }
}

/** Signs in through the API (no page) and returns the cookies as a playwright storage state. */
export async function signIn(browser, server, username, password) {
  const context = await browser.newContext()
  try {
    const res = await context.request.post(server.url('/api/v1/auth/login'), { data: { username, password } })
    assert.equal(res.status(), 200, `log-in of ${username}: ${await res.text()}`)
    return await context.storageState()
  } finally {
    await context.close()
  }
}

// ---------------------------------------------------------------------------------------------
// Small page helpers.

export const byTestId = (page, id) => page.locator(`[data-testid="${id}"]`)
export const htmlLang = (page) => page.evaluate(() => document.documentElement.lang)
export const scrollWidth = (page) => page.evaluate(() => document.documentElement.scrollWidth)

/**
 * Chooses `text` (or, without it, the first option) in an Element Plus select and waits until the select shows
 * the choice. The list of an earlier select may still be leaving; under load the list's own leave transition can
 * stall, and Escape closes it. A click that lands while the list is still entering is lost (seen on CI's two
 * cores), so a choice the select does not show is tried again, up to three times, before the test fails here —
 * rather than later as a request never sent.
 */
export async function chooseOption(page, select, text) {
  const shows = text ? select.filter({ hasText: text }) : null
  for (let attempt = 1; ; attempt++) {
    await clickOption(page, select, text)
    if (!shows) return
    const shown = await shows.first().waitFor({ timeout: 5000 }).then(() => true, () => false)
    if (shown) return
    if (attempt === 3) throw new Error(`chooseOption: the select does not show "${text}" after ${attempt} tries`)
  }
}

async function clickOption(page, select, text) {
  const open = page.locator('.el-select__popper:visible')
  await open.first().waitFor({ state: 'hidden', timeout: 3000 }).catch(() => {})
  await select.click()
  const options = open.locator('.el-select-dropdown__item:not(.is-disabled)')
  const option = text ? options.filter({ hasText: text }) : options
  await option.first().click()
  const closed = await open.first().waitFor({ state: 'hidden', timeout: 3000 }).then(() => true, () => false)
  if (!closed) await page.keyboard.press('Escape')
}

export async function textOf(locator) {
  return ((await locator.textContent()) ?? '').trim()
}

export async function waitForLang(page, lang) {
  await page.waitForFunction((l) => document.documentElement.lang === l, lang, { timeout: 10_000 })
}

export async function switchLanguage(page, testId) {
  await byTestId(page, 'lang-switch').first().click()
  const item = page.locator(`.el-dropdown-menu__item[data-testid="${testId}"]`)
  await item.waitFor({ state: 'visible' })
  await item.click()
}

/** Waits until the dashboard has its answers (so a page.goto() next aborts no request). */
export async function dashboardReady(page) {
  await page.locator('[data-testid="db-status"][data-state="ready"]').waitFor()
}

/** Asserts the page does not scroll sideways at this width. */
export async function assertNoOverflow(page, width, where) {
  const w = await scrollWidth(page)
  assert.ok(w <= width, `${where}: page scrollWidth ${w} > ${width}`)
}

/** Fills the log-in form and submits it; resolves to the response of POST /auth/login. */
export async function submitLogin(page, username, password) {
  await byTestId(page, 'login-username').fill(username)
  await byTestId(page, 'login-password').fill(password)
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/auth/login' && r.request().method() === 'POST'),
    byTestId(page, 'login-submit').click(),
  ])
  return response
}

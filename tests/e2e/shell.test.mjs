// Browser end-to-end test of the web shell: the real kehou binary serving web/dist, driven by
// playwright-core through Debian's chromium. Run from the repository root:
//   (cd web && npm ci && npm run build) && node --test tests/e2e/
// Env: KEHOU_BIN (default build/kehou), CHROMIUM (default /usr/bin/chromium),
//      E2E_SCREENSHOTS=<dir> to keep a PNG of each page checked.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
// playwright-core is a devDependency of web/, not of the repository root.
const { chromium } = createRequire(path.join(repoRoot, 'web/package.json'))('playwright-core')

const KEHOU_BIN = path.resolve(repoRoot, process.env.KEHOU_BIN ?? 'build/kehou')
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
const WEB_ROOT = path.join(repoRoot, 'web/dist')
const SHOTS = process.env.E2E_SCREENSHOTS ? path.resolve(process.env.E2E_SCREENSHOTS) : null
const DESKTOP = { width: 1440, height: 900 }
const PHONE = { width: 390, height: 844 }
const LOGIN_PATH = '/api/v1/auth/login'

let server // { child, baseUrl, tmpDir, output() }
let browser

// ---------------------------------------------------------------------------------------------
// The server under test, started on an ephemeral loopback port and stopped by its own PID.

async function startServer() {
  assert.ok(fs.existsSync(KEHOU_BIN), `kehou binary not found at ${KEHOU_BIN}: build it first (or set KEHOU_BIN)`)
  assert.ok(
    fs.existsSync(path.join(WEB_ROOT, 'index.html')),
    `${WEB_ROOT}/index.html not found: run \`cd web && npm ci && npm run build\` first`,
  )
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kehou-e2e-'))
  const args = ['serve', '--port', '0', '--db', path.join(tmpDir, 'e2e.db'), '--web-root', WEB_ROOT]
  const child = spawn(KEHOU_BIN, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  // Keep draining both pipes for the server's whole life, so a chatty log never blocks it.
  child.stdout.setEncoding('utf8').on('data', (d) => (output += d))
  child.stderr.setEncoding('utf8').on('data', (d) => (output += d))

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
  return { child, baseUrl, tmpDir, output: () => output }
}

async function stopServer(s) {
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

// Never leave the server behind, even when the runner is interrupted.
process.on('exit', () => {
  if (server && server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL')
})

// ---------------------------------------------------------------------------------------------
// A page with a watch on everything that can go wrong silently.

/**
 * Opens a fresh browser context (empty storage) and records console errors, uncaught page
 * errors, network failures and HTTP error responses. `expectFailure(url, method)` marks the
 * requests a test provokes on purpose.
 */
async function openPage(viewport, { expectFailure = () => false } = {}) {
  const context = await browser.newContext({
    viewport,
    // A device clock far from Beijing: the UI must still show Asia/Shanghai time.
    timezoneId: 'America/New_York',
    locale: 'en-US',
  })
  const page = await context.newPage()
  page.setDefaultTimeout(15_000)
  const problems = []
  const expected = (url, method) => expectFailure(new URL(url), method)

  page.on('console', (msg) => {
    if (msg.type() !== 'error') return
    const where = msg.location()?.url
    // Chrome logs every 4xx/5xx resource as a console error; the provoked one is expected.
    if (where && /Failed to load resource/.test(msg.text()) && expected(where, 'POST')) return
    problems.push(`console error: ${msg.text()}${where ? ` (${where})` : ''}`)
  })
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
  page.on('requestfailed', (req) => {
    problems.push(`request failed: ${req.method()} ${req.url()} ${req.failure()?.errorText ?? ''}`)
  })
  page.on('response', (res) => {
    if (res.status() >= 400 && !expected(res.url(), res.request().method())) {
      problems.push(`HTTP ${res.status()} ${res.request().method()} ${res.url()}`)
    }
  })

  return {
    page,
    problems,
    async close(name) {
      if (SHOTS && name) {
        fs.mkdirSync(SHOTS, { recursive: true })
        await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true })
      }
      await context.close()
      assert.deepEqual(problems, [], 'console errors, page errors or failed requests')
    },
  }
}

const url = (p) => `${server.baseUrl}${p}`
const byTestId = (page, id) => page.locator(`[data-testid="${id}"]`)
const htmlLang = (page) => page.evaluate(() => document.documentElement.lang)
const scrollWidth = (page) => page.evaluate(() => document.documentElement.scrollWidth)

async function textOf(locator) {
  return ((await locator.textContent()) ?? '').trim()
}

async function waitForLang(page, lang) {
  await page.waitForFunction((l) => document.documentElement.lang === l, lang, { timeout: 10_000 })
}

async function switchLanguage(page, testId) {
  await byTestId(page, 'lang-switch').first().click()
  const item = page.locator(`.el-dropdown-menu__item[data-testid="${testId}"]`)
  await item.waitFor({ state: 'visible' })
  await item.click()
}

// ---------------------------------------------------------------------------------------------

describe('web shell', { timeout: 180_000 }, () => {
  before(async () => {
    server = await startServer()
    browser = await chromium.launch({
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
  })

  after(async () => {
    await browser?.close()
    await stopServer(server)
  })

  test('home page shows the product name and the server status from /api/v1/meta and /readyz', async () => {
    const meta = await (await fetch(url('/api/v1/meta'))).json()
    assert.equal(typeof meta.version, 'string')
    const { page, close } = await openPage(DESKTOP)

    await page.goto(url('/'))
    await page.waitForURL(/\/home$/)
    assert.equal(await htmlLang(page), 'zh-CN')
    assert.match(await textOf(byTestId(page, 'brand').first()), /课后 kehou/)

    await page.locator('[data-testid="meta-version"]', { hasText: meta.version }).waitFor()
    assert.equal(await textOf(byTestId(page, 'meta-version')), meta.version)
    assert.equal(await textOf(byTestId(page, 'meta-name')), meta.name)
    assert.equal(await textOf(byTestId(page, 'time-zone')), meta.time_zone)
    await page.locator('[data-testid="db-status"][data-state="ready"]').waitFor()

    // Server time is shown as Beijing time although the browser runs in New York.
    const shown = await textOf(byTestId(page, 'server-time'))
    assert.match(shown, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
    const skew = Math.abs(Date.parse(`${shown.replace(' ', 'T')}+08:00`) - Date.parse(meta.server_time))
    assert.ok(skew < 120_000, `server time ${shown} is ${skew} ms away from ${meta.server_time}`)

    // Desktop: the side menu is there, with the dashboard entry active; no hamburger drawer.
    const aside = byTestId(page, 'side-menu')
    assert.ok(await aside.isVisible(), 'side menu visible at 1440 px')
    const box = await aside.boundingBox()
    assert.ok(box && box.width >= 200, `side menu width ${box?.width}`)
    assert.ok(await byTestId(page, 'menu-/home').isVisible())
    assert.match(await textOf(byTestId(page, 'menu-/home')), /工作台/)
    assert.match(await page.title(), /工作台/)
    assert.ok((await scrollWidth(page)) <= DESKTOP.width)

    // The header button collapses the menu to icons on a desktop, and back.
    await byTestId(page, 'menu-toggle').click()
    await page.waitForFunction(() => document.querySelector('[data-testid="side-menu"]').getBoundingClientRect().width < 100)
    await byTestId(page, 'menu-toggle').click()
    await page.waitForFunction(() => document.querySelector('[data-testid="side-menu"]').getBoundingClientRect().width >= 200)

    await close('home-desktop')
  })

  test('language switch changes the visible text and <html lang>, and is remembered', async () => {
    const { page, close } = await openPage(DESKTOP)
    await page.goto(url('/home'))
    await byTestId(page, 'menu-/home').waitFor()
    assert.match(await textOf(byTestId(page, 'menu-/home')), /工作台/)
    const zhHeading = await textOf(page.locator('h1'))

    await switchLanguage(page, 'lang-en')
    await waitForLang(page, 'en')
    await page.locator('[data-testid="menu-/home"]', { hasText: 'Dashboard' }).waitFor()
    const enHeading = await textOf(page.locator('h1'))
    assert.notEqual(enHeading, zhHeading)
    assert.match(enHeading, /Welcome/)
    assert.match(await page.title(), /Dashboard/)
    assert.equal((await byTestId(page, 'lang-switch').innerText()).trim(), 'English')
    assert.equal(await page.evaluate(() => localStorage.getItem('kehou.locale')), 'en')

    await page.reload()
    await page.locator('[data-testid="menu-/home"]', { hasText: 'Dashboard' }).waitFor()
    assert.equal(await htmlLang(page), 'en')

    await switchLanguage(page, 'lang-zh-CN')
    await waitForLang(page, 'zh-CN')
    await page.locator('[data-testid="menu-/home"]', { hasText: '工作台' }).waitFor()

    await close('lang-switch')
  })

  test("login page shows the server's error message after a submit", async () => {
    const isLogin = (u, method) => u.pathname === LOGIN_PATH && method === 'POST'
    const { page, close } = await openPage(PHONE, { expectFailure: isLogin })
    await page.context().addCookies([{ name: 'kehou_csrf', value: 'e2e-csrf-token', url: server.baseUrl }])
    await page.goto(url('/login'))
    await byTestId(page, 'login-submit').waitFor()

    // Empty form: validation messages, and nothing is sent.
    let posted = 0
    page.on('request', (r) => isLogin(new URL(r.url()), r.method()) && posted++)
    await byTestId(page, 'login-submit').click()
    await page.locator('.el-form-item__error').nth(1).waitFor()
    assert.equal(posted, 0)

    await byTestId(page, 'login-username').fill('e2e-nobody')
    await byTestId(page, 'login-password').fill('not-the-password')
    const [response] = await Promise.all([
      page.waitForResponse((r) => isLogin(new URL(r.url()), r.request().method())),
      byTestId(page, 'login-submit').click(),
    ])
    assert.ok(response.status() >= 400, `login answered ${response.status()}`)
    const request = response.request()
    assert.deepEqual(request.postDataJSON(), { username: 'e2e-nobody', password: 'not-the-password' })
    assert.match(request.headers()['content-type'] ?? '', /application\/json/)
    assert.equal(request.headers()['x-csrf-token'], 'e2e-csrf-token')

    const alert = byTestId(page, 'login-error')
    await alert.waitFor({ state: 'visible' })
    const shown = await textOf(alert)
    assert.ok(shown.length > 0, 'an error message is shown')
    const body = await response.json().catch(() => null)
    if (response.status() < 500 && ![401, 403].includes(response.status()) && body?.error?.message) {
      assert.ok(shown.includes(body.error.message), `"${shown}" shows the server's message "${body.error.message}"`)
    }
    assert.ok((await scrollWidth(page)) <= PHONE.width, 'no horizontal overflow on the login page')

    await close('login-error-phone')
  })

  test('an unknown route shows the 404 page', async () => {
    const { page, close } = await openPage(DESKTOP)
    await page.goto(url('/no/such/page'))
    const nf = byTestId(page, 'not-found')
    await nf.waitFor()
    assert.match(await textOf(nf), /404/)
    assert.match(await textOf(nf), /页面不存在/)
    await byTestId(page, 'not-found-home').click()
    await page.waitForURL(/\/home$/)
    await byTestId(page, 'side-menu').waitFor()
    await close('not-found')
  })

  test('phone layout at 390x844: hamburger opens the menu drawer, no horizontal overflow', async () => {
    const meta = await (await fetch(url('/api/v1/meta'))).json()
    const { page, close } = await openPage(PHONE)
    await page.goto(url('/home'))
    await page.locator('[data-testid="meta-version"]', { hasText: meta.version }).waitFor()

    const hamburger = byTestId(page, 'menu-toggle')
    assert.ok(await hamburger.isVisible(), 'hamburger visible on a phone')
    assert.equal(await byTestId(page, 'side-menu').count(), 0, 'no fixed side menu on a phone')
    assert.ok((await scrollWidth(page)) <= PHONE.width, `scrollWidth ${await scrollWidth(page)} > 390`)
    for (const id of ['menu-toggle', 'brand', 'lang-switch', 'user-area']) {
      const b = await byTestId(page, id).first().boundingBox()
      assert.ok(b && b.x >= 0 && b.x + b.width <= PHONE.width, `${id} inside the screen: ${JSON.stringify(b)}`)
    }

    await hamburger.click()
    const drawerItem = page.locator('.layout-drawer [data-testid="menu-/home"]')
    await drawerItem.waitFor({ state: 'visible' })
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'drawer-phone.png') })
    await drawerItem.click()
    await drawerItem.waitFor({ state: 'hidden' })
    assert.ok((await scrollWidth(page)) <= PHONE.width)

    // The 404 page fits a phone too.
    await page.goto(url('/nothing-here'))
    await byTestId(page, 'not-found').waitFor()
    assert.ok((await scrollWidth(page)) <= PHONE.width)

    await close('home-phone')
  })
})

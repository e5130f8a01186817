// Browser end-to-end test of the web shell (layout, dashboard, language, 404, phone layout): the
// real kehou binary serving web/dist, driven by playwright-core through Debian's chromium. The
// pages sit behind log-in, so a demo city administrator is created first. Run from the
// repository root:
//   (cd web && npm ci && npm run build) && node --test tests/e2e/
// Env: see harness.mjs. The log-in, password and operation-log flows are in auth.test.mjs.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import {
  DESKTOP,
  PHONE,
  SHOTS,
  assertNoOverflow,
  byTestId,
  dashboardReady,
  htmlLang,
  launchBrowser,
  openPage,
  signIn,
  startServer,
  stopServer,
  submitLogin,
  switchLanguage,
  textOf,
  waitForLang,
} from './harness.mjs'

const CITY = {
  username: 'city.admin',
  displayName: '市教体局',
  role: 'city_admin',
  scope: '/370800/',
  password: 'City#Admin2026',
  demo: true,
}

let server
let browser
let signedIn // storage state of a city administrator's session

describe('web shell', { timeout: 180_000 }, () => {
  before(async () => {
    server = await startServer([CITY])
    browser = await launchBrowser()
    signedIn = await signIn(browser, server, CITY.username, CITY.password)
  })

  after(async () => {
    await browser?.close()
    await stopServer(server)
  })

  test('home page shows the product name, the user and the server status from /api/v1/meta and /readyz', async () => {
    const meta = await (await fetch(server.url('/api/v1/meta'))).json()
    assert.equal(typeof meta.version, 'string')
    const { page, close } = await openPage(browser, DESKTOP, { storageState: signedIn })

    await page.goto(server.url('/'))
    await page.waitForURL(/\/home$/)
    assert.equal(await htmlLang(page), 'zh-CN')
    assert.match(await textOf(byTestId(page, 'brand').first()), /课后 kehou/)

    await page.locator('[data-testid="meta-version"]', { hasText: meta.version }).waitFor()
    assert.equal(await textOf(byTestId(page, 'meta-version')), meta.version)
    assert.equal(await textOf(byTestId(page, 'meta-name')), meta.name)
    assert.equal(await textOf(byTestId(page, 'time-zone')), meta.time_zone)
    await dashboardReady(page)

    // Server time is shown as Beijing time although the browser runs in New York.
    const shown = await textOf(byTestId(page, 'server-time'))
    assert.match(shown, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
    const skew = Math.abs(Date.parse(`${shown.replace(' ', 'T')}+08:00`) - Date.parse(meta.server_time))
    assert.ok(skew < 120_000, `server time ${shown} is ${skew} ms away from ${meta.server_time}`)

    // The signed-in user: name and role in the header, and with the scope on the dashboard.
    assert.equal(await textOf(byTestId(page, 'user-name')), CITY.displayName)
    assert.equal(await textOf(byTestId(page, 'user-role')), '市教育局管理员')
    assert.match(await textOf(byTestId(page, 'home-user-name')), /市教体局/)
    assert.equal(await textOf(byTestId(page, 'home-user-role')), '市教育局管理员')
    assert.equal(await textOf(byTestId(page, 'home-user-scope')), CITY.scope)

    // Desktop: the side menu is there, with the dashboard entry active; no hamburger drawer.
    const aside = byTestId(page, 'side-menu')
    assert.ok(await aside.isVisible(), 'side menu visible at 1440 px')
    const box = await aside.boundingBox()
    assert.ok(box && box.width >= 200, `side menu width ${box?.width}`)
    assert.ok(await byTestId(page, 'menu-/home').isVisible())
    assert.match(await textOf(byTestId(page, 'menu-/home')), /工作台/)
    assert.match(await page.title(), /工作台/)
    await assertNoOverflow(page, DESKTOP.width, 'home')

    // The header button collapses the menu to icons on a desktop, and back.
    await byTestId(page, 'menu-toggle').click()
    await page.waitForFunction(() => document.querySelector('[data-testid="side-menu"]').getBoundingClientRect().width < 100)
    await byTestId(page, 'menu-toggle').click()
    await page.waitForFunction(() => document.querySelector('[data-testid="side-menu"]').getBoundingClientRect().width >= 200)

    await close('home-desktop')
  })

  test('language switch changes the visible text and <html lang>, and is remembered', async () => {
    const { page, close } = await openPage(browser, DESKTOP, { storageState: signedIn })
    await page.goto(server.url('/home'))
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
    assert.equal(await textOf(byTestId(page, 'user-role')), 'City bureau administrator')
    assert.equal(await page.evaluate(() => localStorage.getItem('kehou.locale')), 'en')

    await dashboardReady(page)
    await page.reload()
    await page.locator('[data-testid="menu-/home"]', { hasText: 'Dashboard' }).waitFor()
    assert.equal(await htmlLang(page), 'en')

    await switchLanguage(page, 'lang-zh-CN')
    await waitForLang(page, 'zh-CN')
    await page.locator('[data-testid="menu-/home"]', { hasText: '工作台' }).waitFor()
    assert.equal(await textOf(byTestId(page, 'user-role')), '市教育局管理员')

    await close('lang-switch')
  })

  test("login page shows the server's error message after a submit", async () => {
    const { page, close, shot } = await openPage(browser, PHONE, { expected: [['POST', '/api/v1/auth/login', 401]] })
    await page.context().addCookies([{ name: 'kehou_csrf', value: 'e2e-csrf-token', url: server.baseUrl }])
    await page.goto(server.url('/login'))
    await byTestId(page, 'login-submit').waitFor()
    await assertNoOverflow(page, PHONE.width, 'login page')
    await shot('login-phone')

    // Empty form: validation messages, and nothing is sent.
    let posted = 0
    page.on('request', (r) => new URL(r.url()).pathname === '/api/v1/auth/login' && posted++)
    await byTestId(page, 'login-submit').click()
    await page.locator('.el-form-item__error').nth(1).waitFor()
    assert.equal(posted, 0)

    const response = await submitLogin(page, 'e2e-nobody', 'not-the-password')
    assert.equal(response.status(), 401)
    const request = response.request()
    assert.deepEqual(request.postDataJSON(), { username: 'e2e-nobody', password: 'not-the-password' })
    assert.match(request.headers()['content-type'] ?? '', /application\/json/)
    assert.equal(request.headers()['x-csrf-token'], 'e2e-csrf-token')

    const alert = byTestId(page, 'login-error')
    await alert.waitFor({ state: 'visible' })
    const body = await response.json()
    assert.equal(body.error.code, 'auth.bad_credentials')
    assert.ok((await textOf(alert)).includes(body.error.message), `shows the server's message "${body.error.message}"`)
    assert.match(await textOf(alert), new RegExp(body.error.request_id), 'and the request id')
    await assertNoOverflow(page, PHONE.width, 'login page with an error')

    await close('login-error-phone')
  })

  test('an unknown route shows the 404 page', async () => {
    const { page, close } = await openPage(browser, DESKTOP, { storageState: signedIn })
    await page.goto(server.url('/no/such/page'))
    const nf = byTestId(page, 'not-found')
    await nf.waitFor()
    assert.match(await textOf(nf), /404/)
    assert.match(await textOf(nf), /页面不存在/)
    await byTestId(page, 'not-found-home').click()
    await page.waitForURL(/\/home$/)
    await byTestId(page, 'side-menu').waitFor()
    await dashboardReady(page)
    await close('not-found')
  })

  test('phone layout at 390x844: hamburger opens the menu drawer, no horizontal overflow', async () => {
    const meta = await (await fetch(server.url('/api/v1/meta'))).json()
    const { page, close } = await openPage(browser, PHONE, { storageState: signedIn })
    await page.goto(server.url('/home'))
    await page.locator('[data-testid="meta-version"]', { hasText: meta.version }).waitFor()

    const hamburger = byTestId(page, 'menu-toggle')
    assert.ok(await hamburger.isVisible(), 'hamburger visible on a phone')
    assert.equal(await byTestId(page, 'side-menu').count(), 0, 'no fixed side menu on a phone')
    await assertNoOverflow(page, PHONE.width, 'home')
    for (const id of ['menu-toggle', 'brand', 'lang-switch', 'user-area']) {
      const b = await byTestId(page, id).first().boundingBox()
      assert.ok(b && b.x >= 0 && b.x + b.width <= PHONE.width, `${id} inside the screen: ${JSON.stringify(b)}`)
    }

    await hamburger.click()
    const drawerItem = page.locator('.layout-drawer [data-testid="menu-/home"]')
    await drawerItem.waitFor({ state: 'visible' })
    // The city administrator's drawer has the 系统管理 group with the operation log.
    await page.locator('.layout-drawer [data-testid="menu-group-system"]').waitFor({ state: 'visible' })
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'drawer-phone.png') })
    await drawerItem.click()
    await drawerItem.waitFor({ state: 'hidden' })
    await assertNoOverflow(page, PHONE.width, 'home after the drawer')
    await dashboardReady(page)

    // The 404 page fits a phone too.
    await page.goto(server.url('/nothing-here'))
    await byTestId(page, 'not-found').waitFor()
    await assertNoOverflow(page, PHONE.width, '404')

    await page.goto(server.url('/home'))
    await page.locator('[data-testid="meta-version"]', { hasText: meta.version }).waitFor()
    await dashboardReady(page)
    await close('home-phone')
  })
})

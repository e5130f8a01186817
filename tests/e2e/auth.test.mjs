// Browser end-to-end test of signing in and out, the forced password change, permissions in the
// menu and on pages, session expiry and the operation log (操作日志), against the real kehou
// binary with accounts made by `kehou admin create-user`. Run from the repository root:
//   (cd web && npm ci && npm run build) && node --test tests/e2e/
// Env: see harness.mjs. Stays under the server's log-in rate limit (20 a minute per address).
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  DESKTOP,
  PHONE,
  assertNoOverflow,
  byTestId,
  dashboardReady,
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

const account = (username, displayName, role, scope, password, demo) => ({ username, displayName, role, scope, password, demo })
const CITY = account('city.admin', '市教体局', 'city_admin', '/370800/', 'City#Admin2026', true)
// Not a demo account: must change the initial password at first log-in.
const DISTRICT = account('district.admin', '任城区教体局', 'district_admin', '/370800/370811/', 'District#Init2026', false)
const TEACHER = account('teacher.wang', '王老师', 'teacher', '/370800/370811/', 'Teacher#2026', true)
// Locked by five wrong passwords in the lock-out test.
const LOCKED = account('teacher.li', '李老师', 'teacher', '/370800/370811/', 'Teacher#Li2026', true)

const LOGIN = '/api/v1/auth/login'

let server
let browser

/** Rows of the operation-log table as arrays of cell texts. */
function auditRows(page) {
  return page.$$eval('[data-testid="audit-table"] .el-table__body tr.el-table__row', (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())),
  )
}
const COL = { at: 0, actor: 1, role: 2, title: 3, object: 4, outcome: 5, requestId: 6, client: 7 }

/** Waits for the table to be filled by a GET /audit/logs that is not pending any more. */
async function waitForAudit(page, action) {
  const [res] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/audit/logs'),
    action(),
  ])
  await page.waitForFunction(() => !document.querySelector('[data-testid="audit-table"] .el-loading-mask'))
  return res
}

describe('sign-in, permissions and the operation log', { timeout: 180_000 }, () => {
  before(async () => {
    server = await startServer([CITY, DISTRICT, TEACHER, LOCKED])
    browser = await launchBrowser()
  })

  after(async () => {
    await browser?.close()
    await stopServer(server)
  })

  test('the city administrator signs in and finds the log-ins, failed ones too, in the operation log', async () => {
    const { page, close, shot } = await openPage(browser, DESKTOP, { expected: [['POST', LOGIN, 401]] })

    // Signed out: /home sends to the log-in page, which remembers where to come back to.
    await page.goto(server.url('/home'))
    await page.waitForURL((u) => u.pathname === '/login')
    assert.equal(new URL(page.url()).searchParams.get('redirect'), '/home')
    await byTestId(page, 'login-submit').waitFor()
    await shot('login-desktop')

    // A wrong password: the server's own message, inline.
    const failed = await submitLogin(page, CITY.username, 'Wrong#Pass2026')
    assert.equal(failed.status(), 401)
    const failure = (await failed.json()).error
    await byTestId(page, 'login-error').waitFor()
    assert.match(await textOf(byTestId(page, 'login-error')), new RegExp(failure.message))
    assert.equal(failure.message, '用户名或密码错误')

    const ok = await submitLogin(page, CITY.username, CITY.password)
    assert.equal(ok.status(), 200)
    await page.waitForURL((u) => u.pathname === '/home')
    assert.equal(await textOf(byTestId(page, 'user-name')), CITY.displayName)
    assert.equal(await textOf(byTestId(page, 'user-role')), '市教育局管理员')
    assert.equal(await textOf(byTestId(page, 'home-user-scope')), CITY.scope)
    await byTestId(page, 'home-audit-link').waitFor()

    // 系统管理 › 操作日志 is in the menu.
    const group = byTestId(page, 'menu-group-system')
    assert.match(await textOf(group.locator('.el-sub-menu__title')), /系统管理/)
    const item = byTestId(page, 'menu-/system/audit')
    assert.match(await textOf(item), /操作日志/)
    await waitForAudit(page, () => item.click())
    await page.waitForURL((u) => u.pathname === '/system/audit')
    assert.match(await page.title(), /操作日志/)

    const rows = await auditRows(page)
    const failedRow = rows.find((r) => r[COL.object].includes(`username=${CITY.username}`) && r[COL.outcome] === '401')
    const okRow = rows.find((r) => r[COL.object].includes(`username=${CITY.username}`) && r[COL.outcome] === '200')
    assert.ok(failedRow, `the failed log-in is listed: ${JSON.stringify(rows)}`)
    assert.ok(okRow, `the log-in is listed: ${JSON.stringify(rows)}`)
    assert.equal(failedRow[COL.title], '登录')
    assert.equal(failedRow[COL.actor], 'anonymous')
    assert.equal(failedRow[COL.requestId], failure.request_id)
    assert.equal(okRow[COL.actor], CITY.username)
    assert.equal(okRow[COL.role], '市教育局管理员')
    assert.equal(okRow[COL.client], '127.0.0.1')
    assert.match(okRow[COL.object], /^POST \/api\/v1\/auth\/login/)
    // Beijing time, although the browser runs in New York.
    assert.match(okRow[COL.at], /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
    const skew = Math.abs(Date.parse(`${okRow[COL.at].replace(' ', 'T')}+08:00`) - Date.now())
    assert.ok(skew < 120_000, `log-in at ${okRow[COL.at]} is ${skew} ms from now`)
    // Outcomes as coloured tags; the total under the table.
    const tags = (colour, text) => page.locator(`[data-testid="audit-outcome-tag"].el-tag--${colour}`, { hasText: text })
    assert.ok((await tags('warning', '401').count()) > 0, 'a 4xx outcome is an orange tag')
    assert.ok((await tags('success', '200').count()) > 0, 'a 2xx outcome is a green tag')
    assert.match(await textOf(page.locator('.el-pagination__total')), new RegExp(`${rows.length}`))

    // Filter: refused only.
    await byTestId(page, 'audit-outcome').click()
    await page.locator('[data-testid="audit-outcome-4xx"]').click()
    const filtered = await waitForAudit(page, () => byTestId(page, 'audit-search').click())
    assert.equal(new URL(filtered.url()).searchParams.get('outcome'), '4xx')
    const refused = await auditRows(page)
    assert.ok(refused.length > 0 && refused.every((r) => r[COL.outcome].startsWith('4')), JSON.stringify(refused))
    // By actor: only the city administrator's own lines.
    await waitForAudit(page, () => byTestId(page, 'audit-reset').click())
    await byTestId(page, 'audit-actor').fill(CITY.username)
    const byActor = await waitForAudit(page, () => byTestId(page, 'audit-search').click())
    assert.equal(new URL(byActor.url()).searchParams.get('actor'), CITY.username)
    assert.equal(new URL(byActor.url()).searchParams.get('outcome'), null)
    const own = await auditRows(page)
    assert.ok(own.length > 0 && own.every((r) => r[COL.actor] === CITY.username), JSON.stringify(own))
    await waitForAudit(page, () => byTestId(page, 'audit-reset').click())
    await assertNoOverflow(page, DESKTOP.width, 'operation log')
    await shot('audit-desktop')

    // The page follows the language.
    await switchLanguage(page, 'lang-en')
    await waitForLang(page, 'en')
    await page.locator('[data-testid="audit-table"] th', { hasText: 'Request ID' }).waitFor()
    assert.equal(await textOf(byTestId(page, 'user-role')), 'City bureau administrator')
    assert.ok((await auditRows(page)).some((r) => r[COL.role] === 'City bureau administrator'))
    await switchLanguage(page, 'lang-zh-CN')
    await waitForLang(page, 'zh-CN')
    await page.locator('[data-testid="audit-table"] th', { hasText: '请求号' }).waitFor()

    await close()
  })

  test('an account with its initial password must change it before anything else', async () => {
    const PASSWORD = '/api/v1/auth/password'
    const { page, close, shot } = await openPage(browser, DESKTOP, { expected: [['POST', PASSWORD, 422]] })
    await page.goto(server.url('/login'))
    const res = await submitLogin(page, DISTRICT.username, DISTRICT.password)
    assert.equal((await res.json()).user.must_change_password, true)
    await page.waitForURL((u) => u.pathname === '/password')
    await byTestId(page, 'password-forced').waitFor()
    assert.equal(await byTestId(page, 'password-back').count(), 0, 'no way around it')

    // Nothing else is reachable until then.
    for (const p of ['/home', '/system/audit']) {
      await page.goto(server.url(p))
      await page.waitForURL((u) => u.pathname === '/password')
      await byTestId(page, 'password-forced').waitFor()
    }
    await shot('password-desktop')

    // A weak new password: the rule's message under the field, nothing sent.
    let posted = 0
    page.on('request', (r) => new URL(r.url()).pathname === PASSWORD && posted++)
    const newItem = page.locator('.el-form-item', { has: byTestId(page, 'password-new') })
    const oldItem = page.locator('.el-form-item', { has: byTestId(page, 'password-old') })
    await byTestId(page, 'password-old').fill(DISTRICT.password)
    await byTestId(page, 'password-new').fill('weakpassword')
    await byTestId(page, 'password-confirm').fill('weakpassword')
    assert.equal(await page.locator('[data-testid="password-rules"] li[data-ok="false"]').count(), 1, 'one rule unmet')
    await byTestId(page, 'password-submit').click()
    await newItem.locator('.el-form-item__error').waitFor()
    assert.match(await textOf(newItem.locator('.el-form-item__error')), /至少 8 位.*至少 3 类/)
    assert.equal(posted, 0)

    // The server's refusal (wrong current password) is shown on the field it names.
    await byTestId(page, 'password-old').fill('Not#The0ldOne')
    await byTestId(page, 'password-new').fill('District#New2026')
    await byTestId(page, 'password-confirm').fill('District#New2026')
    assert.equal(await page.locator('[data-testid="password-rules"] li[data-ok="false"]').count(), 0, 'all rules met')
    const [refused] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === PASSWORD),
      byTestId(page, 'password-submit').click(),
    ])
    assert.equal(refused.status(), 422)
    const error = (await refused.json()).error
    assert.equal(error.field, 'old_password')
    await oldItem.locator('.el-form-item__error', { hasText: error.message }).waitFor()
    await newItem.locator('.el-form-item__error').waitFor({ state: 'detached' })

    // The right one: on to the dashboard, for good.
    await byTestId(page, 'password-old').fill(DISTRICT.password)
    const [changed] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === PASSWORD),
      byTestId(page, 'password-submit').click(),
    ])
    assert.equal(changed.status(), 200)
    await page.waitForURL((u) => u.pathname === '/home')
    assert.equal(await textOf(byTestId(page, 'user-name')), DISTRICT.displayName)
    assert.equal(await textOf(byTestId(page, 'user-role')), '区县教育局管理员')
    await dashboardReady(page)
    await page.reload()
    await byTestId(page, 'home-user-scope').waitFor()
    assert.equal(new URL(page.url()).pathname, '/home')
    assert.equal(await textOf(byTestId(page, 'home-user-scope')), DISTRICT.scope)
    // A district bureau reads the operation log too.
    await byTestId(page, 'menu-/system/audit').waitFor()

    await close()
  })

  test('a teacher has no operation log; a direct visit shows no permission; log-out signs out', async () => {
    const { page, close } = await openPage(browser, DESKTOP)
    await page.goto(server.url('/login'))
    await submitLogin(page, TEACHER.username, TEACHER.password)
    await page.waitForURL((u) => u.pathname === '/home')
    assert.equal(await textOf(byTestId(page, 'user-role')), '教师')
    await dashboardReady(page)
    assert.equal(await byTestId(page, 'menu-/system/audit').count(), 0)
    assert.equal(await byTestId(page, 'menu-group-system').count(), 0)
    assert.equal(await byTestId(page, 'home-audit-link').count(), 0, 'v-has-permi removed the link')

    // Typed address: the no-permission state inside the layout, no request, no crash.
    let audited = 0
    page.on('request', (r) => new URL(r.url()).pathname === '/api/v1/audit/logs' && audited++)
    await page.goto(server.url('/system/audit'))
    await byTestId(page, 'no-permission').waitFor()
    assert.equal(new URL(page.url()).pathname, '/system/audit')
    assert.match(await textOf(byTestId(page, 'no-permission')), /没有权限/)
    assert.equal(await byTestId(page, 'side-menu').count(), 1)
    assert.equal(audited, 0)
    await byTestId(page, 'no-permission-home').click()
    await page.waitForURL((u) => u.pathname === '/home')

    // Log out from the header's account menu.
    await byTestId(page, 'user-area').click()
    const [loggedOut] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/auth/logout'),
      page.locator('.el-dropdown-menu__item[data-testid="user-logout"]').click(),
    ])
    assert.equal(loggedOut.status(), 200)
    await page.waitForURL((u) => u.pathname === '/login')
    const cookies = await page.context().cookies()
    assert.equal(cookies.find((c) => c.name === 'kehou_session'), undefined, 'session cookie gone')
    await page.goto(server.url('/home'))
    await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('redirect') === '/home')
    await byTestId(page, 'login-submit').waitFor()

    await close()
  })

  test('a session ended on the server sends the user to log in, with 登录已过期, and back', async () => {
    const state = await signIn(browser, server, CITY.username, CITY.password)
    const { page, close } = await openPage(browser, DESKTOP, {
      storageState: state,
      expected: [['GET', '/api/v1/audit/logs', 401]],
    })
    await waitForAudit(page, () => page.goto(server.url('/system/audit')))

    // The same session ends elsewhere (as after an idle timeout or a password change).
    const other = await browser.newContext({ storageState: state })
    const csrf = state.cookies.find((c) => c.name === 'kehou_csrf').value
    const out = await other.request.post(server.url('/api/v1/auth/logout'), { headers: { 'X-CSRF-Token': csrf } })
    assert.equal(out.status(), 200)
    await other.close()

    const res = await waitForAudit(page, () => byTestId(page, 'audit-search').click()).catch(() => null)
    if (res) assert.equal(res.status(), 401)
    await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('redirect') === '/system/audit')
    assert.match(await textOf(byTestId(page, 'login-expired')), /登录已过期/)

    await submitLogin(page, CITY.username, CITY.password)
    await page.waitForURL((u) => u.pathname === '/system/audit')
    await page.locator('[data-testid="audit-table"] .el-table__row').first().waitFor()
    await close()
  })

  test('a locked account is told until when, in Beijing time', async () => {
    const { page, close, shot } = await openPage(browser, PHONE, { expected: [['POST', LOGIN, 403]] })
    for (let i = 0; i < 5; i++) {
      const r = await fetch(server.url(LOGIN), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: LOCKED.username, password: `Wrong#${i}aaaa` }),
      })
      assert.equal(r.status, 401)
    }
    await page.goto(server.url('/login'))
    const res = await submitLogin(page, LOCKED.username, LOCKED.password)
    assert.equal(res.status(), 403)
    const error = (await res.json()).error
    assert.equal(error.code, 'auth.locked')
    await byTestId(page, 'login-error').waitFor()
    assert.match(await textOf(byTestId(page, 'login-error')), new RegExp(error.message))
    // locked_until is 2026-11-23T20:15:00+08:00: shown as 2026-11-23 20:15:00 whatever the device's zone.
    const until = error.details.locked_until.replace('T', ' ').replace(/(Z|[+-]\d{2}:\d{2})$/, '')
    assert.ok(error.details.locked_until.endsWith('+08:00'), error.details.locked_until)
    assert.equal(await textOf(byTestId(page, 'login-locked-until')), `锁定至 ${until}（北京时间）`)
    await assertNoOverflow(page, PHONE.width, 'login page, locked')
    await shot('login-locked-phone')
    await close()
  })

  test('phone at 390x844: the password and operation-log pages fit, the table scrolls inside its card', async () => {
    const state = await signIn(browser, server, CITY.username, CITY.password)
    const { page, close, shot } = await openPage(browser, PHONE, { storageState: state })

    // Chosen from the account menu (not forced): with a way back.
    await page.goto(server.url('/home'))
    await byTestId(page, 'user-area').click()
    await page.locator('.el-dropdown-menu__item[data-testid="user-password"]').click()
    await page.waitForURL((u) => u.pathname === '/password')
    await byTestId(page, 'password-back').waitFor()
    assert.equal(await byTestId(page, 'password-forced').count(), 0)
    await assertNoOverflow(page, PHONE.width, 'password page')
    await shot('password-phone')
    await byTestId(page, 'password-back').click()
    await page.waitForURL((u) => u.pathname === '/home')
    await dashboardReady(page)

    await waitForAudit(page, () => page.goto(server.url('/system/audit')))
    await page.locator('[data-testid="audit-table"] .el-table__row').first().waitFor()
    await assertNoOverflow(page, PHONE.width, 'operation log')
    const wrap = '[data-testid="audit-table"] .el-table__body-wrapper .el-scrollbar__wrap'
    const scroller = await page.$eval(wrap, (el) => ({
      scroll: el.scrollWidth,
      client: el.clientWidth,
      right: el.getBoundingClientRect().right,
    }))
    assert.ok(scroller.scroll > scroller.client, `the table scrolls sideways: ${JSON.stringify(scroller)}`)
    assert.ok(scroller.right <= PHONE.width, `the table stays on screen: ${JSON.stringify(scroller)}`)
    await shot('audit-phone')
    await close()
  })
})

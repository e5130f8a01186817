// Browser end-to-end test of third-party providers (第三方机构进校园, issue 9; RULES R2.3–R2.5; docs/providers.md)
// against the real kehou binary with the tiny demo city (`kehou seed --scale tiny`):
//  0. before(): a waiting application in demo.provider's county (370811) — the seed's, or one demo.provider makes
//     through the API (the county first links the account to a credit code when the seed has not).
//  1. The county (demo.county) enters a paper application whose fee is not clearly lower than the outside price and
//     whose instructor has no background check: the server's check marks both fields at once and nothing is written;
//     corrected, it is entered and opens as a record awaiting review.
//  2. The county opens demo.provider's waiting application from the 待审核 tab, sees its services and instructors,
//     admits it with a reason: the record shows 已准入 with the reason in its history, and the provider is on the
//     white list (the county's 白名单 tab, and the school's list).
//  3. demo.provider's menu holds only its own pages; 我的机构 shows its own provider only, admitted; the county's
//     list is not for it.
//  4. A guardian's exit notices fit a phone.
// Run from the repository root:
//   (cd web && npm ci && npm run build) && node --test tests/e2e/providers.test.mjs
// Env: see harness.mjs.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { creditCode, orgCode } from './codes.mjs'
import {
  DEMO_PASSWORD,
  PHONE,
  assertNoOverflow,
  byTestId,
  chooseOption,
  launchBrowser,
  openPage,
  signIn,
  startServer,
  stopServer,
  textOf,
} from './harness.mjs'

const API = '/api/v1/providers'
const WIDE = { width: 1440, height: 900 }
const DAY = 86_400_000
/** A Beijing calendar day `days` from today, YYYY-MM-DD. */
const beijingDate = (days = 0) => new Date(Date.now() + days * DAY + 8 * 3_600_000).toISOString().slice(0, 10)
/** Valid GB 32100 codes whose inner organisation code (GB 11714) is valid too, so the check warns of nothing. */
const OWN_CODE = creditCode(`91370811${orgCode('MA3C4K7P')}`)
const PAPER_CODE = creditCode(`52370811${orgCode('MJ8L2N6Q')}`)
const OWN_NAME = '济宁青禾体育发展有限公司'
const PAPER_NAME = '任城区书香阅读推广中心'
const ADMIT_REASON = '材料齐全，收费低于校外价格，教练员证与无犯罪记录证明有效'

let server
let browser
const as = {}
/** demo.provider's waiting record. */
let record = null

/** Waits until no loading overlay is left (before a screenshot). */
const settled = (page) => page.waitForFunction(() => !document.querySelector('.el-loading-mask'))
/** The input or textarea of an Element Plus field, wherever its data-testid landed. */
const field = (page, testId) =>
  page.locator(`input[data-testid="${testId}"], textarea[data-testid="${testId}"], [data-testid="${testId}"] input`).first()
const isApi = (path, method = 'GET') => (r) => new URL(r.url()).pathname === path && r.request().method() === method

async function api(state, method, path, data, ok = true) {
  const ctx = await browser.newContext({ storageState: state })
  try {
    const csrf = (await ctx.cookies()).find((c) => c.name === 'kehou_csrf')?.value ?? ''
    const res = await ctx.request.fetch(server.url(path), { method, data, headers: { 'X-CSRF-Token': csrf } })
    const text = await res.text()
    if (ok) assert.ok(res.ok(), `${method} ${path}: ${res.status()} ${text}`)
    return { status: res.status(), body: text ? JSON.parse(text) : null }
  } finally {
    await ctx.close()
  }
}

/**
 * A waiting application in the county: one of the seed's (demo.provider's own first), or else one demo.provider makes
 * now (the county first links the account to a credit code when the seed has not).
 */
async function waitingApplication() {
  let own = (await api(as.provider, 'GET', `${API}/own`)).body
  const waiting = (await api(as.county, 'GET', `${API}/records?status=applied&page=1&page_size=50`)).body.items
  const mine = waiting.find((r) => own.linked && r.credit_code === own.credit_code)
  if (mine || waiting.length) return (await api(as.county, 'GET', `${API}/records/${(mine ?? waiting[0]).id}`)).body
  if (!own.linked) {
    const me = (await api(as.provider, 'GET', '/api/v1/auth/me')).body
    await api(as.county, 'POST', `${API}/accounts`, { user_id: me.user.id, credit_code: OWN_CODE })
    own = (await api(as.provider, 'GET', `${API}/own`)).body
    assert.equal(own.linked, true, 'the county linked demo.provider')
  }
  const created = await api(as.provider, 'POST', `${API}/own/applications`, {
    unit_code: '370811',
    name: OWN_NAME,
    credit_code: own.credit_code,
    category: 'sport',
    free_public_benefit: false,
    declares_no_marketing: false,
    contact_name: '周晓燕',
    contact_phone: '13905371234',
    services: [
      { name: '青少年篮球', fee_fen: 2500, outside_price_fen: 4000 },
      { name: '少儿体适能', fee_fen: 2000, outside_price_fen: 3500 },
    ],
    instructors: [
      {
        name: '李明',
        qualification: 'coach_certificate',
        qualification_name: '',
        qualification_number: 'LQ-2024-0381',
        background_check_date: beijingDate(-40),
      },
    ],
  })
  assert.equal(created.status, 201)
  assert.equal(created.body.status, 'applied')
  return created.body
}

describe('providers: a county admits a waiting application; the provider sees only itself', { timeout: 300_000 }, () => {
  before(async () => {
    server = await startServer([], { seed: 'tiny' })
    browser = await launchBrowser()
    for (const who of ['county', 'provider', 'school', 'parent']) as[who] = await signIn(browser, server, `demo.${who}`, DEMO_PASSWORD)
    record = await waitingApplication()
  })

  after(async () => {
    await browser?.close()
    await stopServer(server)
  })

  test('a paper application: the check marks every problem on its field; corrected, it is entered', async () => {
    const { page, shot, close } = await openPage(browser, WIDE, { storageState: as.county })
    let created = 0
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === `${API}/records` && r.method() === 'POST') created += 1
    })
    await Promise.all([page.waitForResponse(isApi(`${API}/records`)), page.goto(server.url('/providers/records'))])
    await byTestId(page, 'pv-records-enter').click()
    const form = byTestId(page, 'pv-app-form')
    await form.waitFor()
    await field(page, 'pv-form-name').fill(PAPER_NAME)
    await field(page, 'pv-form-credit-code').fill(PAPER_CODE)
    await chooseOption(page, byTestId(page, 'pv-form-category'), '阅读')
    await field(page, 'pv-form-contact-name').fill('孙敏')
    await field(page, 'pv-form-contact-phone').fill('13805370001')
    await field(page, 'pv-form-service-name-0').fill('亲子共读')
    // 38.00 of 40.00 is 95 %: not clearly lower (the county's default is at most 90 %).
    await field(page, 'pv-form-service-fee-0').fill('38')
    await field(page, 'pv-form-service-outside-0').fill('40')
    await field(page, 'pv-form-instructor-name-0').fill('王芳')
    await field(page, 'pv-form-instructor-number-0').fill('20193708112000123')
    // No background-check date.

    const [checked] = await Promise.all([
      page.waitForResponse(isApi(`${API}/records/check`, 'POST')),
      byTestId(page, 'form-dialog-submit').click(),
    ])
    assert.equal(checked.status(), 200, await checked.text())
    const { problems } = await checked.json()
    const fields = problems.map((p) => p.field)
    assert.ok(fields.includes('services[0].fee_fen'), `the fee is refused: ${fields}`)
    assert.ok(fields.includes('instructors[0].background_check_date'), `the missing check is refused: ${fields}`)
    // Every problem under its own field, at once.
    for (const f of ['services[0].fee_fen', 'instructors[0].background_check_date']) {
      await form.locator(`[data-field="${f}"] .el-form-item__error`).waitFor()
    }
    assert.match(await textOf(byTestId(page, 'form-dialog-error')), /处需要修改/)
    await shot('providers-paper-problems')
    assert.equal(created, 0, 'nothing was written')

    await field(page, 'pv-form-service-fee-0').fill('30')
    const date = form.locator('[data-field="instructors[0].background_check_date"] input')
    await date.fill(beijingDate(-10))
    await date.press('Enter')
    // The fee's complaint goes once the fee is edited.
    await form.locator('[data-field="services[0].fee_fen"] .el-form-item__error').waitFor({ state: 'detached' })
    // The check runs again first; warnings (none expected) would be shown once, and the next submit goes ahead.
    const recheck = page.waitForResponse(isApi(`${API}/records/check`, 'POST'))
    const save = page.waitForResponse(isApi(`${API}/records`, 'POST'))
    await byTestId(page, 'form-dialog-submit').click()
    const again = await (await recheck).json()
    assert.deepEqual(again.problems, [], 'corrected')
    if (again.warnings.length) await byTestId(page, 'form-dialog-submit').click()
    const saved = await save
    assert.equal(saved.status(), 201, await saved.text())
    const entered = await saved.json()
    assert.equal(entered.status, 'applied')
    assert.equal(entered.services[0].fee_fen, 3000)
    await page.waitForURL(`**/providers/records/${entered.id}`)
    await byTestId(page, 'pv-record-facts').waitFor()
    assert.equal(await textOf(byTestId(page, 'pv-record-name')), PAPER_NAME)
    await page.locator('[data-testid="pv-record"] [data-testid="pv-status-tag"][data-status="applied"]').first().waitFor()
    await close()
  })

  test('the county admits the waiting application with a reason: 已准入, and on the white list', async () => {
    const { page, shot, close } = await openPage(browser, WIDE, { storageState: as.county })
    await Promise.all([page.waitForResponse(isApi(`${API}/records`)), page.goto(server.url('/providers/records'))])
    const [waiting] = await Promise.all([page.waitForResponse(isApi(`${API}/records`)), byTestId(page, 'pv-tab-applied').click()])
    assert.ok((await waiting.json()).items.every((r) => r.status === 'applied'), 'the tab lists waiting records only')
    const row = page.locator('[data-testid="pv-records-table"] .el-table__row', { hasText: record.name })
    await row.first().waitFor()
    await settled(page)
    await shot('providers-records-applied')

    await Promise.all([
      page.waitForURL(`**/providers/records/${record.id}`),
      row.first().locator('[data-testid="pv-record-link"]').click(),
    ])
    await byTestId(page, 'pv-record-facts').waitFor()
    assert.equal(await textOf(byTestId(page, 'pv-record-name')), record.name)
    const head = page.locator('.detail-head [data-testid="pv-status-tag"]')
    assert.equal(await head.getAttribute('data-status'), 'applied')
    // The services with the fee beside the outside price, in yuan.
    const fees = await byTestId(page, 'pv-service-fee').allTextContents()
    assert.deepEqual(fees.map((s) => s.trim()), record.services.map((s) => (s.fee_fen / 100).toFixed(2)))
    assert.equal(await page.locator('[data-testid="pv-check-current"][data-current="true"]').count(), record.instructors.length)
    await settled(page)
    await shot('providers-record-applied')

    await byTestId(page, 'pv-act-admit').click()
    await field(page, 'pv-act-reason').fill(ADMIT_REASON)
    const [admitted] = await Promise.all([
      page.waitForResponse(isApi(`${API}/records/${record.id}/events`, 'POST')),
      byTestId(page, 'form-dialog-submit').click(),
    ])
    assert.equal(admitted.status(), 200, await admitted.text())
    assert.equal((await admitted.json()).status, 'admitted')
    await page.locator('.detail-head [data-testid="pv-status-tag"][data-status="admitted"]').waitFor()
    assert.equal(await textOf(head), '已准入')
    await page.locator('[data-testid="pv-timeline-item"][data-event="admit"] [data-testid="pv-timeline-reason"]', { hasText: ADMIT_REASON }).waitFor()
    assert.equal(await byTestId(page, 'pv-act-admit').count(), 0, 'admitted once, no admit button left')
    await settled(page)
    await shot('providers-record-admitted')

    // The white list: the county's 白名单 tab.
    await Promise.all([page.waitForResponse(isApi(`${API}/records`)), page.goto(server.url('/providers/records'))])
    const [white] = await Promise.all([page.waitForResponse(isApi(`${API}/records`)), byTestId(page, 'pv-tab-admitted').click()])
    assert.ok((await white.json()).items.some((r) => r.id === record.id), 'on the white list')
    await page.locator('[data-testid="pv-records-table"] .el-table__row', { hasText: record.name }).first().waitFor()
    await close('providers-white-list')

    // The school reads the same white list.
    const school = await openPage(browser, WIDE, { storageState: as.school })
    await Promise.all([school.page.waitForResponse(isApi(`${API}/records`)), school.page.goto(server.url('/providers/records'))])
    await school.page.locator('[data-testid="pv-records-table"] .el-table__row', { hasText: record.name }).first().waitFor()
    assert.equal(await byTestId(school.page, 'pv-records-enter').count(), 0, 'a school enters no application')
    await settled(school.page)
    await school.close('providers-school-white-list')
  })

  test("demo.provider's menu and page show only its own provider", async () => {
    const own = (await api(as.provider, 'GET', `${API}/own`)).body
    assert.equal(own.linked, true, 'demo.provider is linked to its provider')
    const { page, shot, close } = await openPage(browser, WIDE, { storageState: as.provider })
    await Promise.all([page.waitForResponse(isApi(`${API}/own`)), page.goto(server.url('/providers/mine'))])
    await page.locator('[data-testid="pv-mine"][data-state="ready"]').waitFor()
    const menu = await byTestId(page, 'side-menu').locator('[data-testid^="menu-"]').evaluateAll((els) => els.map((e) => e.dataset.testid))
    assert.deepEqual(menu.sort(), ['menu-/home', 'menu-/providers/mine'], 'only its own pages')
    assert.equal(await textOf(byTestId(page, 'pv-mine-title')), own.name)
    assert.equal(await textOf(byTestId(page, 'pv-mine-credit-code')), own.credit_code)
    if (own.current) await page.locator(`.detail-head [data-testid="pv-status-tag"][data-status="${own.current.status}"]`).waitFor()
    await settled(page)
    await shot('providers-mine')
    // Its records are its own: its one name, none of another provider's (not the paper application of test 1,
    // not the county's other applicant unless that is demo.provider itself).
    await page.locator('.el-tabs__item', { hasText: '历次申请' }).click()
    const names = (await byTestId(page, 'pv-mine-record-name').allTextContents()).map((n) => n.trim())
    assert.ok(names.length >= 1)
    assert.deepEqual([...new Set(names)], [own.name])
    assert.ok(!names.includes(PAPER_NAME))
    if (record.credit_code !== own.credit_code) assert.ok(!names.includes(record.name))
    // The county's list is not a provider's page.
    await page.goto(server.url('/providers/records'))
    await byTestId(page, 'no-permission').waitFor()
    await close()
  })

  test("a guardian's exit notices fit a phone", async () => {
    const { page, close } = await openPage(browser, PHONE, { storageState: as.parent })
    await Promise.all([page.waitForResponse(isApi(`${API}/notices`)), page.goto(server.url('/family/provider-notices'))])
    await page.locator('[data-testid="pv-family-body"][data-state="ready"]').waitFor()
    await assertNoOverflow(page, PHONE.width, 'family exit notices')
    await close('providers-family-notices')
  })
})

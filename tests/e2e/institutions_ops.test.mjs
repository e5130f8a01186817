// Browser end-to-end test of the day-to-day 校外培训监管 pages (issue 6 points 4, 5, 7): the county files a
// schedule with an offline lesson ending 20:45 and sees it stored with the R1.13 violation; the city bureau
// reads the holiday calendar and marks a day; the county follows an escrow order's ledger, records the
// family's confirmation (the class's fee is released), sees the risk alert when the institution closes and
// resolves it, runs the sweep; the city's statistics draw their charts and export the .xlsx. Against the
// real kehou binary with the tiny demo city (`kehou seed --scale tiny`: 任城区 370811, the demo.* accounts).
// Run from the repository root:
//   (cd web && npm ci && npm run build) && node --test tests/e2e/institutions_ops.test.mjs
// Env: see harness.mjs (KEHOU_WEB_ROOT for a build elsewhere). Signs in through the API (3 log-ins).
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  DEMO_PASSWORD,
  DESKTOP,
  byTestId,
  launchBrowser,
  openPage,
  signIn,
  startServer,
  stopServer,
  textOf,
  chooseOption,
} from './harness.mjs'

const API = '/api/v1/institutions'

let server
let browser
/** Storage states of the demo accounts, signed in once. */
const as = {}

/** A JSON API call with a signed-in storage state (writes carry the CSRF header); resolves to the body. */
async function api(state, method, path, body) {
  const ctx = await browser.newContext({ storageState: state })
  try {
    const csrf = state.cookies.find((c) => c.name === 'kehou_csrf')?.value ?? ''
    const res = await ctx.request.fetch(server.url(path), { method, data: body, headers: method === 'GET' ? {} : { 'X-CSRF-Token': csrf } })
    const json = await res.json()
    assert.ok(res.status() < 300, `${method} ${path}: ${res.status()} ${JSON.stringify(json)}`)
    return json
  } finally {
    await ctx.close()
  }
}

const isApi = (path, method = 'GET') => (r) => new URL(r.url()).pathname === path && r.request().method() === method

/** Beijing's date, `days` from today. */
function beijingDay(days = 0) {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10)
}

/** Rows of an Element Plus table as arrays of cell texts. */
function tableRows(page, testId) {
  return page.$$eval(`[data-testid="${testId}"] .el-table__body-wrapper tr.el-table__row`, (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())),
  )
}

/** An operating institution of the demo county (the registry's first). */
async function operatingInstitution(filter = () => true) {
  const list = await api(as.county, 'GET', `${API}?status=operating&page_size=100`)
  const found = list.items.find(filter)
  assert.ok(found, 'the demo county has an operating institution')
  return found
}

describe('off-campus training supervision: schedules, calendar, escrow, statistics', { timeout: 300_000 }, () => {
  before(async () => {
    server = await startServer([], { seed: 'tiny' })
    browser = await launchBrowser()
    for (const who of ['city', 'county', 'inspector']) as[who] = await signIn(browser, server, `demo.${who}`, DEMO_PASSWORD)
  })

  after(async () => {
    await browser?.close()
    await stopServer(server)
  })

  test('the county files a schedule with an offline lesson ending 20:45: stored, with the R1.13 violation shown', async () => {
    const inst = await operatingInstitution((i) => i.delivery === 'offline')
    const { page, close } = await openPage(browser, DESKTOP, { storageState: as.county })
    await Promise.all([page.waitForResponse(isApi(`${API}/${inst.id}/schedules`)), page.goto(server.url(`/institutions/${inst.id}`))])
    const card = byTestId(page, 'institution-schedules')
    await card.waitFor()
    assert.match(await textOf(card.locator('.el-table__empty-text')), /还没有备案课表/)

    await byTestId(page, 'schedule-file').click()
    const form = byTestId(page, 'schedule-form')
    await form.waitFor()
    await form.locator('[data-testid="schedule-title"] input, input[data-testid="schedule-title"]').first().fill('2026 冬季课表')
    const lesson = byTestId(page, 'schedule-lesson').first()
    await chooseOption(page, lesson.locator('[data-testid="lesson-start"]').first(), '19:45')
    await chooseOption(page, lesson.locator('[data-testid="lesson-end"]').first(), '20:45')
    await chooseOption(page, lesson.locator('[data-testid="lesson-delivery"]').first(), '线下')
    await lesson.locator('[data-testid="lesson-subject"] input, input[data-testid="lesson-subject"]').first().fill('美术')
    // A second lesson after a 10-minute break: it ends later still.
    await byTestId(page, 'lesson-next').click()
    assert.equal(await byTestId(page, 'schedule-lesson').count(), 2)

    const [res] = await Promise.all([page.waitForResponse(isApi(`${API}/${inst.id}/schedules`, 'POST')), byTestId(page, 'form-dialog-submit').click()])
    assert.equal(res.status(), 201, 'stored even though it breaks rules')
    const sent = res.request().postDataJSON()
    assert.deepEqual(
      sent.sessions.map((s) => [s.start, s.end, s.delivery]),
      [
        ['19:45', '20:45', 'offline'],
        ['20:55', '21:55', 'offline'],
      ],
    )
    const filed = await res.json()
    assert.ok(filed.violations >= 2, JSON.stringify(filed))
    await form.waitFor({ state: 'detached' })

    const notice = byTestId(page, 'schedule-filed')
    await notice.waitFor()
    assert.match(await textOf(notice), new RegExp(`2026 冬季课表.*${filed.violations} 项违规`))
    const found = card.locator('[data-testid="schedule-violation"][data-code="institutions.offline_ends_too_late"]')
    await found.first().waitFor()
    assert.equal(await found.count(), 2, 'both lessons end after 20:30')
    const text = await textOf(found.first())
    assert.match(text, /R1\.13/)
    assert.match(text, /20:30/)
    assert.match(text, /20:45/)
    const rows = await tableRows(page, 'schedules-table')
    assert.ok(rows.some((r) => r.includes('2026 冬季课表') && r.some((c) => c.includes(`${filed.violations} 项违规`))), JSON.stringify(rows))
    await close('ops-schedules')
  })

  test('the city bureau reads the 2026 holidays and marks a day; the county sees its vacations', async () => {
    const city = await openPage(browser, DESKTOP, { storageState: as.city })
    const { page } = city
    const [calendar] = await Promise.all([page.waitForResponse((r) => isApi(`${API}/calendar`)(r)), page.goto(server.url('/institutions/calendar'))])
    const national = (await calendar.json()).days.find((d) => d.date === '2026-10-01').name
    assert.ok(national, 'the day has a name')
    await byTestId(page, 'calendar-year').waitFor()
    if ((await textOf(byTestId(page, 'calendar-year-select'))) !== '2026') await chooseOption(page, byTestId(page, 'calendar-year-select'), '2026')
    await page.locator('[data-testid="cal-day"][data-date="2026-10-01"][data-kind="holiday"]').waitFor()
    assert.equal(await page.locator('[data-testid="cal-day"][data-date="2026-02-14"]').getAttribute('data-kind'), 'workday', '调休 Saturday')
    const runs = await page.$$eval('[data-testid="holiday-run"]', (els) => els.map((e) => e.textContent.trim()))
    assert.ok(runs.some((r) => r.startsWith(national) && /2026-10-01 至 2026-10-07，共 7 天/.test(r)), JSON.stringify(runs))
    assert.ok((await page.locator('[data-testid="cal-day"][data-date="2026-10-01"]').getAttribute('title')).includes(`${national} · 放假`))
    assert.match(await textOf(byTestId(page, 'vacations-table')), /寒假[\s\S]*2026-01-24/)
    assert.equal(await byTestId(page, 'vacations-edit').count(), 0, 'the city does not edit a county’s vacations')

    // The city marks 24 Dec a holiday.
    await page.locator('[data-testid="cal-day"][data-date="2026-12-24"]').click()
    await byTestId(page, 'day-form').waitFor()
    await byTestId(page, 'day-kind-holiday').click()
    const [put] = await Promise.all([page.waitForResponse(isApi(`${API}/calendar/days/2026-12-24`, 'PUT')), byTestId(page, 'form-dialog-submit').click()])
    assert.equal(put.status(), 200)
    await page.locator('[data-testid="cal-day"][data-date="2026-12-24"][data-kind="holiday"]').waitFor()
    await city.close('ops-calendar-city')

    const county = await openPage(browser, DESKTOP, { storageState: as.county })
    await county.page.goto(server.url('/institutions/calendar'))
    await byTestId(county.page, 'vacations-edit').waitFor()
    assert.equal(await county.page.locator('button[data-testid="cal-day"]').count(), 0, 'only the city sets days')
    await county.close()
  })

  test('escrow: the ledger of an order, a confirmation recorded, the risk alert of a closure resolved, the sweep', async () => {
    const inst = await operatingInstitution((i) => i.category !== 'subject')
    const contract = `HT-E2E-${Date.now() % 100000}`
    const order = await api(as.county, 'POST', `${API}/${inst.id}/orders`, {
      contract_no: contract,
      payer_name: '王小明',
      payer_mobile: '13800138000',
      course_title: '少儿美术 冬季班',
      class_hours: 20,
      unit_price_fen: 15000,
      start_date: beijingDay(-20),
      end_date: beijingDay(40),
      paid_on: beijingDay(-30),
    })
    await api(as.county, 'POST', `${API}/orders/${order.id}/consumptions`, { hours: 2, note: '第 1、2 次课' })

    const { page, close, shot } = await openPage(browser, DESKTOP, { storageState: as.county })
    await Promise.all([page.waitForResponse(isApi(`${API}/orders`)), page.goto(server.url('/institutions/escrow'))])
    const row = page.locator('[data-testid="orders-table"] tr.el-table__row', { hasText: contract })
    await row.waitFor()
    assert.match(await textOf(row), /王\*/, 'the payer is masked')
    assert.doesNotMatch(await textOf(row), /13800138000|王小明/)
    assert.match(await textOf(row), /3000\.00/)
    await row.locator('[data-testid="order-hours"]').waitFor()
    assert.equal((await textOf(row.locator('[data-testid="order-hours"]'))).replace(/\s/g, ''), '0/2/0')

    await Promise.all([page.waitForResponse(isApi(`${API}/orders/${order.id}`)), row.click()])
    const drawer = byTestId(page, 'order-drawer')
    await drawer.locator('[data-testid="order-ledger"]').waitFor()
    const kinds = () => drawer.locator('[data-testid="ledger-kind"]').evaluateAll((els) => els.map((e) => e.dataset.kind))
    assert.deepEqual(await kinds(), ['deposit', 'consumption_requested'])
    assert.match(await textOf(byTestId(page, 'order-invariant')), /账实相符/)

    // The family confirms: the 2 hours' fee (300 yuan) is released in the same transaction.
    await drawer.locator('[data-testid="consumption-confirm"]').click()
    await byTestId(page, 'order-action-form').waitFor()
    const [answer] = await Promise.all([
      page.waitForResponse(isApi(`${API}/orders/${order.id}/consumption-answers`, 'POST')),
      byTestId(page, 'form-dialog-submit').click(),
    ])
    assert.equal(answer.status(), 200)
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="ledger-kind"]').length === 4)
    assert.deepEqual(await kinds(), ['deposit', 'consumption_requested', 'consumption_confirmed', 'released'])
    assert.equal(await textOf(byTestId(page, 'order-balance')), '2700.00')
    await shot('ops-escrow-order')
    await page.keyboard.press('Escape')
    await drawer.waitFor({ state: 'hidden' })
    assert.equal((await textOf(row.locator('[data-testid="order-hours"]'))).replace(/\s/g, ''), '2/0/0')

    // The institution closes with money held: one alert, families counted, resolved with a note.
    const full = await api(as.county, 'GET', `${API}/${inst.id}`)
    const keep = ['name', 'credit_code', 'credit_override_reason', 'category', 'delivery', 'address', 'licence_no', 'licence_date', 'filing_no', 'filing_date', 'nonprofit_reg_no', 'legal_representative', 'in_baseline']
    const body = Object.fromEntries(keep.map((k) => [k, full[k]]))
    body.status = 'closed'
    body.staff = full.staff.map(({ name, teaches_subject, qualification_no }) => ({ name, teaches_subject, qualification_no }))
    await api(as.county, 'PUT', `${API}/${inst.id}`, body)
    await Promise.all([page.waitForResponse(isApi(`${API}/alerts`)), page.reload()])
    const alert = page.locator('[data-testid="alerts-table"] tr.el-table__row', { hasText: inst.name })
    await alert.waitFor()
    assert.equal(await textOf(alert.locator('[data-testid="alert-families"]')), '1')
    assert.match(await textOf(alert), /2700\.00/)

    // The sweep: nothing is due yet (the confirmation is answered, silence runs 15 working days).
    const [swept] = await Promise.all([page.waitForResponse(isApi(`${API}/escrow-sweeps`, 'POST')), byTestId(page, 'escrow-sweep').click()])
    assert.equal(swept.status(), 200)
    await byTestId(page, 'sweep-result').waitFor()
    assert.match(await textOf(byTestId(page, 'sweep-result')), /到期处理完成/)
    await shot('ops-escrow')

    await alert.locator('[data-testid="alert-resolve"]').click()
    await byTestId(page, 'alert-resolve-form').waitFor()
    await page.locator('textarea[data-testid="alert-resolve-note"], [data-testid="alert-resolve-note"] textarea').first().fill('已督促机构原路退费')
    const [resolved] = await Promise.all([page.waitForResponse((r) => /\/alerts\/\d+\/resolve$/.test(new URL(r.url()).pathname)), byTestId(page, 'form-dialog-submit').click()])
    assert.equal(resolved.status(), 200)
    await alert.waitFor({ state: 'detached' })
    await close()

    // The inspector reads the orders but records nothing.
    const insp = await openPage(browser, DESKTOP, { storageState: as.inspector })
    await Promise.all([insp.page.waitForResponse(isApi(`${API}/orders`)), insp.page.goto(server.url('/institutions/escrow'))])
    await insp.page.locator('[data-testid="orders-table"] tr.el-table__row', { hasText: contract }).waitFor()
    assert.equal(await byTestId(insp.page, 'escrow-sweep').count(), 0)
    await insp.close()
  })

  test('the city statistics: five cards with charts, a county drill-down, the .xlsx export', async () => {
    const { page, close, shot } = await openPage(browser, DESKTOP, { storageState: as.city })
    const [escrowStats] = await Promise.all([page.waitForResponse(isApi(`${API}/stats/escrow`)), page.goto(server.url('/institutions/stats'))])
    for (const r of ['registry', 'reduction', 'complaints', 'cases', 'escrow']) {
      const canvas = page.locator(`[data-testid="stats-${r}-chart"] canvas`)
      await canvas.waitFor()
      const box = await canvas.boundingBox()
      assert.ok(box && box.width > 200 && box.height > 100, `${r} chart drawn: ${JSON.stringify(box)}`)
    }
    const registry = await tableRows(page, 'stats-registry-table')
    const rencheng = registry.find((r) => r[0] === '任城区')
    assert.ok(rencheng && Number(rencheng.at(-1)) > 0, JSON.stringify(registry))
    assert.equal(registry.at(-1)[0], '合计')
    const escrow = await tableRows(page, 'stats-escrow-table')
    // The demo orders and the one of the escrow test, as the server counts them.
    const deposited = (await escrowStats.json()).items.find((i) => i.unit_code === '370811').deposited_fen
    assert.ok(deposited >= 300000, 'the order of the escrow test is counted')
    assert.ok(escrow.find((r) => r[0] === '任城区').includes((deposited / 100).toFixed(2)), JSON.stringify(escrow))
    await shot('ops-stats')

    // Drill into 任城区 from its table row: the registry now per category.
    await page.locator('[data-testid="stats-registry-table"] [data-testid="drill-county"]', { hasText: '任城区' }).click()
    await byTestId(page, 'stats-drilled').waitFor()
    const byCategory = await tableRows(page, 'stats-registry-table')
    assert.deepEqual(byCategory.map((r) => r[0]), ['学科类', '非学科类（体育）', '非学科类（文化艺术）', '非学科类（科技）', '全部类别'])
    await shot('ops-stats-drill')

    const [download, response] = await Promise.all([
      page.waitForEvent('download'),
      page.waitForResponse(isApi(`${API}/stats/export`)),
      byTestId(page, 'stats-export').click(),
    ])
    assert.equal(response.headers()['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    assert.match(download.suggestedFilename(), /^校外培训监管统计-\d{4}-\d{2}-\d{2}\.xlsx$/)
    await close()
  })
})

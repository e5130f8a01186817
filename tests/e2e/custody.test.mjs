// Browser end-to-end test of summer custody (暑期托管, issue 9 points 6–9; RULES R1.17) against the real kehou binary
// with the tiny demo city (`kehou seed --scale tiny`, which opens sign-up for next summer's plan of 任城区 (370811)):
//  0. Through the API, demo.school records demo.parent's child as of a dual-income family (双职工): a claimed group
//     must be on the school's record. Without a seeded plan, demo.county drafts one and opens its survey.
//  1. demo.county's plan editor marks every problem of POST /plans/check on its field.
//  2. With every site's safety plan written (demo.school writes its own when the plan is the test's) and sign-up
//     open, demo.parent, on a phone, signs the child up at the site taking the child's school, 双职工 ticked from the
//     school's record, and sees 待分配.
//  3. demo.county, on a desktop, sees the child among the sign-ups, the commitment published and the seed sealed; it
//     runs the allocation: the seed is revealed and the site-period's row shows the draw's figures.
//  4. demo.parent sees 已录取.
//  5. A year on, demo.county opens a new plan's needs survey; demo.parent answers it on a phone (wanted, first
//     period) and the county's figures count it.
// Screenshots (E2E_SCREENSHOTS): the editor's problems, the family page at each step, the plan before and after
// the allocation.
// Run from the repository root:
//   (cd web && npm ci && npm run build) && node --test tests/e2e/custody.test.mjs
// Env: see harness.mjs.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  DEMO_PASSWORD,
  DESKTOP,
  PHONE,
  assertNoOverflow,
  byTestId,
  launchBrowser,
  openPage,
  signIn,
  startServer,
  stopServer,
  textOf,
} from './harness.mjs'

const API = '/api/v1/custody'
const COUNTY = '370811'
/// Next summer's year and its first two full weeks of July (Mon–Fri).
const YEAR = new Date().getUTCMonth() >= 8 ? new Date().getUTCFullYear() + 1 : new Date().getUTCFullYear()

/** The Monday on or after 1 July of `year`, plus `days`, as YYYY-MM-DD. */
function julyMonday(year, days = 0) {
  const d = new Date(Date.UTC(year, 6, 1))
  while (d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() + 1)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** A plan for `year`'s summer: two free 5-day periods in July, one site at the child's school serving the county's. */
function planBody(year, kid, served) {
  return {
    unit_code: COUNTY,
    year,
    title: `${year}年暑期托管（测试）`,
    periods: [
      { name: '第一期', start_date: julyMonday(year, 7), end_date: julyMonday(year, 11), service_fee_fen: null },
      { name: '第二期', start_date: julyMonday(year, 14), end_date: julyMonday(year, 18), service_fee_fen: null },
    ],
    sites: [
      {
        host_school_id: kid.school_id,
        name: `${kid.school_name}托管点`,
        served_schools: [kid.school_id, ...served.filter((id) => id !== kid.school_id)],
        capacity: [
          { period: 0, places: 30 },
          { period: 1, places: 30 },
        ],
        content: ['reading', 'homework_help', 'sport', 'art', 'games'],
        activities: [
          { type: 'reading', title: '快乐读书吧' },
          { type: 'homework_help', title: '暑期作业辅导' },
        ],
      },
    ],
  }
}

let server
let browser
const as = {}
/** The plan made in before(), its first period and its site; the child of demo.parent. */
let plan = null
let child = null
/** The county's school ids. */
let served = []
/** The site and period the child signs up for. */
let chosen = null

const isApi = (path, method = 'GET') => (r) => new URL(r.url()).pathname === path && r.request().method() === method
/** Waits until no loading overlay is left (before a screenshot or a count). */
const settled = (page) => page.waitForFunction(() => !document.querySelector('.el-loading-mask:not([style*="display: none"])'))

async function api(state, method, path, data) {
  const ctx = await browser.newContext({ storageState: state })
  try {
    const csrf = (await ctx.cookies()).find((c) => c.name === 'kehou_csrf')?.value ?? ''
    const res = await ctx.request.fetch(server.url(path), { method, data, headers: { 'X-CSRF-Token': csrf } })
    const text = await res.text()
    assert.ok(res.ok(), `${method} ${path}: ${res.status()} ${text}`)
    return text ? JSON.parse(text) : null
  } finally {
    await ctx.close()
  }
}

/** The school records the child's family as dual-income (the student's record keeps everything else). */
async function recordDualIncome(studentId) {
  const s = await api(as.school, 'GET', `/api/v1/org/students/${studentId}`)
  const { id_number } = await api(as.school, 'GET', `/api/v1/org/students/${studentId}/identity-number`)
  await api(as.school, 'PUT', `/api/v1/org/students/${studentId}`, {
    class_id: s.class_id,
    name: s.name,
    sex: s.sex,
    id_number,
    // The demo's student numbers are the G form of the identity number (R3.8).
    student_number: `G${id_number}`,
    flags: { ...s.flags, dual_income: true },
  })
}

/** The family page on a phone, loaded. */
async function familyPage() {
  const opened = await openPage(browser, PHONE, { storageState: as.parent })
  await Promise.all([opened.page.waitForResponse(isApi(`${API}/family`)), opened.page.goto(server.url('/family/custody'))])
  await opened.page.locator('[data-testid="cus-family"][data-state="ready"]').waitFor()
  return opened
}

const childCard = (page) => page.locator(`[data-testid="cus-child"][data-student="${child.student_id}"]`)

describe('custody: plan check, sign-up with a priority group, allocation, needs survey', { timeout: 300_000 }, () => {
  before(async () => {
    server = await startServer([], { seed: 'tiny' })
    browser = await launchBrowser()
    for (const who of ['parent', 'county', 'school']) as[who] = await signIn(browser, server, `demo.${who}`, DEMO_PASSWORD)

    // A claimed priority group must be on the school's record: the school records the family as dual-income
    // (双职工), which the sign-up form then offers ticked.
    const first = (await api(as.parent, 'GET', `${API}/family`)).items[0]
    assert.ok(first, 'demo.parent has a child')
    await recordDualIncome(first.student_id)
    child = (await api(as.parent, 'GET', `${API}/family`)).items.find((c) => c.student_id === first.student_id)
    assert.deepEqual(child.groups_on_record, ['dual_income'])
    const schools = await api(as.county, 'GET', `/api/v1/org/schools?unit_code=${COUNTY}&page=1&page_size=50`)
    served = schools.items.map((s) => s.id)
    assert.ok(served.includes(child.school_id), "the county's schools include the child's")

    // The seed's plan for next summer when it has one (`kehou seed` opens 2027's sign-up, leaving demo.parent's
    // children out), else a plan the county drafts now and opens for the survey.
    const open = (await api(as.county, 'GET', `${API}/plans?year=${YEAR}`)).items.find((x) => x.unit_code === COUNTY)
    if (open) {
      plan = await api(as.county, 'GET', `${API}/plans/${open.id}`)
      return
    }
    const body = planBody(YEAR, child, served)
    const { problems } = await api(as.county, 'POST', `${API}/plans/check`, body)
    assert.deepEqual(problems, [], 'the plan passes the check')
    plan = await api(as.county, 'POST', `${API}/plans`, body)
    plan = await api(as.county, 'POST', `${API}/plans/${plan.id}/status`, { to: 'survey' })
    assert.equal(plan.status, 'survey')
  })

  after(async () => {
    await browser?.close()
    await stopServer(server)
  })

  test("the county's plan editor marks every problem the server's check finds on its field", async () => {
    const { page, close } = await openPage(browser, DESKTOP, { storageState: as.county })
    await page.goto(server.url('/custody/plans/new'))
    await page.locator('[data-testid="cus-editor"][data-state="ready"]').waitFor()
    // A fresh plan has one period without dates and one site without a host school.
    const [checked] = await Promise.all([
      page.waitForResponse(isApi(`${API}/plans/check`, 'POST')),
      byTestId(page, 'cus-editor-check').click(),
    ])
    assert.equal(checked.status(), 200, await checked.text())
    const { problems } = await checked.json()
    assert.ok(problems.length >= 2, `several problems at once: ${JSON.stringify(problems)}`)
    const summary = byTestId(page, 'cus-editor-problems')
    await summary.waitFor()
    assert.equal(Number(await summary.getAttribute('data-count')), problems.length)
    // The host school's problem sits under the site's host select, a date's under the period row.
    await page.locator('[data-testid="cus-site-card"] .el-form-item.is-error [data-testid="cus-site-host-0"]').waitFor()
    await page.locator('[data-testid="cus-period-row"] .el-form-item.is-error').first().waitFor()
    await settled(page)
    await close('custody-editor-problems')
  })

  test('with the safety plan written and sign-up open, the guardian signs up claiming 双职工: 待分配', async () => {
    if (plan.status === 'survey') {
      // The host school writes its site's safety plan (sign-up cannot open without it), then the county opens sign-up.
      const teachers = await api(as.school, 'GET', `/api/v1/org/teachers?school_id=${child.school_id}&page=1&page_size=5`)
      await api(as.school, 'PUT', `${API}/sites/${plan.sites[0].id}/safety-plan`, {
        responsible_person: '王校长',
        responsible_phone: '0537-2345678',
        emergency_contacts: [{ name: '李主任', phone: '13805371234' }],
        staff_teacher_ids: teachers.items.slice(0, 1).map((x) => x.id),
      })
      plan = await api(as.county, 'POST', `${API}/plans/${plan.id}/status`, { to: 'signup' })
    }
    assert.equal(plan.status, 'signup')
    assert.ok(plan.sites.every((x) => x.safety), 'every site has its safety plan')
    // The site taking the child's school, and its period with the most places left.
    const site = plan.sites.find((x) => x.served_schools.some((sch) => sch.id === child.school_id))
    assert.ok(site, "a site takes the child's school")
    const free = (c) => c.places - c.signed_up
    chosen = { site, period: [...site.capacity].sort((a, b) => free(b) - free(a))[0].period_id }
    assert.ok(free(site.capacity.find((c) => c.period_id === chosen.period)) > 0, 'a free place for the child')
    assert.ok(plan.commitment, 'the commitment is published when sign-up opens')
    assert.equal(plan.seed, null, 'the seed stays sealed until the draw')

    const { page, shot, close } = await familyPage()
    const card = childCard(page)
    const form = card.locator('[data-testid="cus-signup-form"]')
    await form.waitFor()
    await form.locator(`[data-testid="cus-signup-site-${site.id}"]`).click()
    await form.locator(`[data-testid="cus-signup-period-${chosen.period}"]`).click()
    // The group on the school's record starts ticked; the others cannot be claimed until the school records them.
    assert.equal(await form.locator('[data-testid="cus-signup-group-dual_income"] input').isChecked(), true)
    assert.equal(await form.locator('[data-testid="cus-signup-group-military"] input').isDisabled(), true)
    assert.match(await textOf(form.locator('[data-testid="cus-signup-claims"]')), /学校核实/)
    await assertNoOverflow(page, PHONE.width, 'sign-up form')
    await shot('custody-family-signup')

    const [created] = await Promise.all([
      page.waitForResponse(isApi(`${API}/plans/${plan.id}/signups`, 'POST')),
      form.locator('[data-testid="cus-signup-submit"]').click(),
    ])
    assert.equal(created.status(), 201, await created.text())
    const mine = card.locator(`[data-testid="cus-my-signup"][data-period="${chosen.period}"]`)
    await mine.waitFor()
    assert.equal(await mine.getAttribute('data-status'), 'pending')
    assert.equal(await textOf(mine.locator('[data-testid="cus-signup-status"]')), '待分配')
    assert.match(await textOf(mine), /双职工/)
    // What the family owes for the period: its fee (a dual-income family pays it), or 免费 for free custody.
    const fee = plan.periods.find((p) => p.id === chosen.period).service_fee_fen
    const due = mine.locator('[data-testid="cus-signup-due"]')
    assert.equal(await due.getAttribute('data-fen'), String(fee ?? 0))
    assert.match(await textOf(due), fee ? new RegExp(`应缴 ${(fee / 100).toFixed(2)} 元`) : /免费/)
    await assertNoOverflow(page, PHONE.width, 'signed up')
    await close('custody-family-pending')
  })

  test('the county sees the sign-up against the places and runs the allocation: the seed is revealed', async () => {
    const { page, shot, close } = await openPage(browser, DESKTOP, { storageState: as.county })
    await Promise.all([page.waitForResponse(isApi(`${API}/plans/${plan.id}`)), page.goto(server.url(`/custody/plans/${plan.id}`))])
    await byTestId(page, 'cus-plan-title').waitFor()
    assert.equal(await byTestId(page, 'cus-plan-status').first().getAttribute('data-status'), 'signup')
    await byTestId(page, 'cus-commitment').waitFor()
    assert.equal(await textOf(byTestId(page, 'cus-commitment')), plan.commitment)
    assert.equal(await byTestId(page, 'cus-seed').count(), 0, 'no seed before the draw')
    await page.locator('[data-testid="cus-signups-table"] .el-table__row', { hasText: child.name }).waitFor()
    await page.locator('[data-testid="cus-capacity-table"] .el-table__row', { hasText: chosen.site.name }).first().waitFor()
    await settled(page)
    await shot('custody-plan-signup')

    await byTestId(page, 'cus-plan-move-allocate').click()
    const [allocated] = await Promise.all([
      page.waitForResponse(isApi(`${API}/plans/${plan.id}/allocate`, 'POST')),
      page.locator('.el-message-box .el-button--primary').click(),
    ])
    assert.ok(allocated.ok(), await allocated.text())
    await page.locator('[data-testid="cus-plan-status"][data-status="allocated"]').first().waitFor()
    await byTestId(page, 'cus-seed').waitFor()
    const record = await api(as.county, 'GET', `${API}/plans/${plan.id}/allocation`)
    assert.ok(record.seed, 'the seed is revealed')
    assert.equal(await textOf(byTestId(page, 'cus-seed')), record.seed)
    const item = record.items.find((i) => i.site_id === chosen.site.id && i.period_id === chosen.period)
    assert.ok(item.placed >= 1, 'the site-period has places given')
    const period = plan.periods.find((p) => p.id === chosen.period)
    const row = page.locator('[data-testid="cus-allocation-table"] .el-table__row', { hasText: period.name }).filter({ hasText: chosen.site.name })
    await row.waitFor()
    assert.match(await textOf(row), new RegExp(`${item.capacity}${item.placed}${item.waitlisted}`))
    await settled(page)
    await close('custody-plan-allocated')
  })

  test('the guardian sees the place: 已录取', async () => {
    const { page, close } = await familyPage()
    const mine = childCard(page).locator(`[data-testid="cus-my-signup"][data-period="${chosen.period}"]`)
    await mine.waitFor()
    assert.equal(await mine.getAttribute('data-status'), 'placed')
    assert.equal(await textOf(mine.locator('[data-testid="cus-signup-status"]')), '已录取')
    await assertNoOverflow(page, PHONE.width, 'placed')
    await close('custody-family-placed')
  })

  test("a year on, the county opens a plan's needs survey and the guardian answers it on a phone", async () => {
    // The family page shows the newest open plan of the child's county: next year's once it is in survey.
    const next = await api(as.county, 'POST', `${API}/plans`, planBody(YEAR + 1, child, served))
    const surveyed = await api(as.county, 'POST', `${API}/plans/${next.id}/status`, { to: 'survey' })
    assert.equal(surveyed.status, 'survey')

    const { page, shot, close } = await familyPage()
    const card = childCard(page)
    await card.locator('[data-testid="cus-survey-form"]').waitFor()
    assert.match(await textOf(card), new RegExp(`${YEAR + 1}年暑期托管`))
    await card.locator('[data-testid="cus-family-site"]', { hasText: surveyed.sites[0].name }).waitFor()
    await assertNoOverflow(page, PHONE.width, 'family custody (survey)')
    await shot('custody-family-survey')

    await card.locator('[data-testid="cus-survey-yes"]').click()
    await card.locator(`[data-testid="cus-survey-period-${surveyed.periods[0].id}"]`).click()
    const [answered] = await Promise.all([
      page.waitForResponse(isApi(`${API}/plans/${next.id}/survey`, 'PUT')),
      card.locator('[data-testid="cus-survey-submit"]').click(),
    ])
    assert.ok(answered.ok(), await answered.text())
    await card.locator('[data-testid="cus-survey-answered"]').waitFor()
    await assertNoOverflow(page, PHONE.width, 'family custody (answered)')
    await close('custody-family-answered')

    const detail = await api(as.county, 'GET', `${API}/plans/${next.id}`)
    assert.equal(detail.survey.wanting, 1, 'the county sees one family wanting custody')
    assert.equal(detail.survey.per_period.find((p) => p.period_id === surveyed.periods[0].id)?.count, 1)
  })
})

// Browser end-to-end test of one-ID enrollment (易入学, issue 8; RULES R5.1–R5.7, R4.3) against the real kehou binary
// with the tiny demo city (`kehou seed --scale tiny`, which also seeds an open grade-1 season of demo.parent's county
// and the departments' exports, docs/enrollment-data.md):
//  1. demo.parent, on a phone, opens 易入学 and makes a one-key application for "demo child B" (王梓涵), whose
//     公安户籍 record is missing: the submit waits for the R4.3 notice to be acknowledged; the application's page
//     shows every other needed source verified with its provenance ("来源：…，… 同步") and asks for one upload, the
//     household register; a small PNG is uploaded and the application goes to review.
//  2. The county (demo.county), on a desktop, finds it in the review queue, sees the photo beside the household
//     source, accepts it with the fields read off the paper: the application is qualified.
//  3. demo.parent sees it qualified. Screenshots (E2E_SCREENSHOTS): the phone pages, the review detail, the season.
// Run from the repository root:
//   (cd web && npm ci && npm run build) && node --test tests/e2e/enrollment.test.mjs
// Env: see harness.mjs.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  DEMO_PASSWORD,
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

// "demo child B" of docs/enrollment-data.md (src/demo/enrollment_people.hpp): 公安户籍 holds nothing for B.
const CHILD_B_NAME = '王梓涵'
const CHILD_B_ID = '37081120210315032X'
const FATHER_ID = '370811198806120531'
/// What the household register (户口簿) the family photographs says (the twin A's record, which B shares): the family
/// lives in the county's first community.
const HOUSEHOLD = { community_code: '370811001001', address: '山东省济宁市任城区太白路18号3号楼2单元501室', move_in_date: '2021-04-02' }
const DAY = 86_400_000
/** A Beijing calendar day `days` from today, YYYY-MM-DD. */
const beijingDate = (days = 0) => new Date(Date.now() + days * DAY + 8 * 3_600_000).toISOString().slice(0, 10)

const WIDE = { width: 1366, height: 900 }
const API = '/api/v1/enrollment'
/** A 1×1 PNG: the photo of the household register. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

let server
let browser
const as = {}
/** The application made in test 1. */
let applicationId = null
let seasonId = null

/** Waits until no loading overlay is left (before a screenshot). */
const settled = (page) => page.waitForFunction(() => !document.querySelector('.el-loading-mask'))

const isApi = (path, method = 'GET') => (r) => new URL(r.url()).pathname === path && r.request().method() === method

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

/**
 * The open grade-1 season of demo.parent's county: the seed's, or else one the county opens now with the demo school's
 * catchment holding the family's community.
 */
async function openSeason() {
  const { items } = await api(as.parent, 'GET', `${API}/seasons`)
  const open = items.find((s) => s.status === 'open' && s.entry_grade === 1 && s.unit_code === '370811')
  if (open) return open.id
  const me = await api(as.county, 'GET', '/api/v1/auth/me')
  const unit = me.user.scope_path.split('/').filter(Boolean)[1]
  const season = await api(as.county, 'POST', `${API}/seasons`, {
    unit_code: unit,
    year: 2027,
    entry_grade: 1,
    title: '2027年小学一年级招生（测试）',
    opens_on: beijingDate(-1),
    closes_on: beijingDate(30),
  })
  const schools = await api(as.county, 'GET', `/api/v1/org/schools?unit_code=${unit}&page=1&page_size=50`)
  const primary = schools.items.filter((x) => x.is_public && x.grade_from === 1)
  assert.ok(primary.length >= 1, 'the county has a public primary school')
  await api(as.county, 'PUT', `${API}/seasons/${season.id}/plans`, {
    schools: primary.map((x, i) => ({
      school_id: x.id,
      seats: 50,
      is_private: false,
      nearby: [],
      communities: i === 0 ? [HOUSEHOLD.community_code] : [],
    })),
  })
  return season.id
}

describe('enrollment: a one-key application with one paper to upload, reviewed by the county', { timeout: 240_000 }, () => {
  before(async () => {
    server = await startServer([], { seed: 'tiny' })
    browser = await launchBrowser()
    for (const who of ['parent', 'county']) as[who] = await signIn(browser, server, `demo.${who}`, DEMO_PASSWORD)
    seasonId = await openSeason()
  })

  after(async () => {
    await browser?.close()
    await stopServer(server)
  })

  test('the guardian applies in one key on a phone; the missing household record asks for one upload', async () => {
    const { page, shot, close } = await openPage(browser, PHONE, { storageState: as.parent })
    await page.goto(server.url('/family/enrollment'))
    await page.locator('[data-testid="enr-family"][data-state="ready"]').waitFor()
    await assertNoOverflow(page, PHONE.width, 'family enrollment')
    await shot('enrollment-family-home')
    await byTestId(page, `enr-apply-${seasonId}`).click()
    await byTestId(page, 'enr-apply').waitFor()

    await byTestId(page, 'enr-apply-child-name').fill(CHILD_B_NAME)
    // A wrong check character is refused before anything is sent (GB 11643).
    await byTestId(page, 'enr-apply-child-id').fill('370811202103150321')
    await byTestId(page, 'enr-apply-own-id').click()
    await page.locator('.el-form-item__error', { hasText: '校验位' }).waitFor()
    await byTestId(page, 'enr-apply-child-id').fill(CHILD_B_ID)
    await byTestId(page, 'enr-apply-own-id').fill(FATHER_ID)
    await byTestId(page, 'enr-apply-father').click()
    // The notice names the legal basis (R4.3) and gates the submit.
    assert.match(await textOf(byTestId(page, 'enr-apply-notice')), /个人信息保护法》第十三条第一款第（三）项/)
    assert.equal(await byTestId(page, 'enr-apply-submit').isDisabled(), true, 'no submit before the notice is acknowledged')
    await byTestId(page, 'enr-apply-ack').click()
    await assertNoOverflow(page, PHONE.width, 'apply form')
    await shot('enrollment-family-apply')

    const [created] = await Promise.all([
      page.waitForResponse(isApi(`${API}/applications`, 'POST'), { timeout: 30_000 }),
      byTestId(page, 'enr-apply-submit').click(),
    ])
    assert.equal(created.status(), 201, await created.text())
    const app = await created.json()
    applicationId = app.id
    assert.equal(app.status, 'awaiting_upload')
    assert.equal(app.one_click, false)
    const asked = app.sources.filter((s) => s.needs_upload).map((s) => s.department)
    assert.deepEqual(asked, ['household'], 'only the household register is asked for')

    await page.waitForURL(`**/family/enrollment/${applicationId}`)
    await page.locator('[data-testid="enr-application"][data-status="awaiting_upload"]').waitFor()
    assert.match(await textOf(byTestId(page, 'enr-banner')), /待补充材料/)
    // Every other needed source is verified, with where its data came from and when.
    for (const s of app.sources.filter((x) => x.needed && x.department !== 'household')) {
      const card = page.locator(`[data-testid="enr-source"][data-department="${s.department}"]`)
      assert.equal(await card.getAttribute('data-status'), 'verified', `${s.department} is verified`)
      assert.match(await textOf(card.locator('[data-testid="enr-source-provenance"]')), /^来源：.+，\d{4}-\d{2}-\d{2} 同步$/)
    }
    const household = page.locator('[data-testid="enr-source"][data-department="household"]')
    assert.equal(await household.getAttribute('data-status'), 'unavailable')
    await household.locator('[data-testid="enr-upload-household"]').waitFor()
    assert.equal(await page.locator('[data-testid^="enr-upload-input-"]').count(), 1, 'one upload asked')
    await assertNoOverflow(page, PHONE.width, 'application page')
    await shot('enrollment-family-awaiting')

    const [uploaded] = await Promise.all([
      page.waitForResponse(isApi(`${API}/applications/${applicationId}/uploads`, 'POST')),
      byTestId(page, 'enr-upload-input-household').setInputFiles({ name: '户口簿.png', mimeType: 'image/png', buffer: PNG }),
    ])
    assert.equal(uploaded.status(), 201, await uploaded.text())
    assert.equal((await uploaded.json()).status, 'in_review')
    await page.locator('[data-testid="enr-application"][data-status="in_review"]').waitFor()
    await household.locator('[data-testid="enr-upload-item"]', { hasText: '户口簿.png' }).waitFor()
    await close('enrollment-family-in-review')
  })

  test('the county accepts the household register with the fields read off it: qualified', async () => {
    assert.ok(applicationId, 'test 1 made the application')
    const { page, shot, close } = await openPage(browser, WIDE, { storageState: as.county })
    await Promise.all([page.waitForResponse(isApi(`${API}/applications`)), page.goto(server.url(`/enrollment/review?season_id=${seasonId}`))])
    const row = page.locator('[data-testid="enr-review-table"] .el-table__row', { hasText: CHILD_B_NAME })
    await row.waitFor()
    await Promise.all([page.waitForURL(`**/enrollment/applications/${applicationId}`), row.locator('[data-testid="enr-review-open"]').click()])

    const household = page.locator('[data-testid="enr-source"][data-department="household"]')
    await household.locator('[data-testid="enr-evidence-image"]').waitFor()
    // The photo is served to the reviewer.
    await page.waitForFunction(() => {
      const img = document.querySelector('[data-testid="enr-evidence-image"] img')
      return img instanceof HTMLImageElement && img.complete && img.naturalWidth === 1
    })
    // The pulls log names the legal basis of every query.
    await byTestId(page, 'enr-pulls').locator('.el-collapse-item__header').click()
    assert.match(await textOf(byTestId(page, 'enr-pulls')), /个人信息保护法/)
    await settled(page)
    await shot('enrollment-review-detail')

    await household.locator('[data-testid="enr-accept-household"]').click()
    const form = byTestId(page, 'enr-accept-form')
    await form.waitFor()
    await form.locator('[data-testid="enr-accept-community_code"]').fill(HOUSEHOLD.community_code)
    await form.locator('[data-testid="enr-accept-address"]').fill(HOUSEHOLD.address)
    const date = form.locator('.el-date-editor input').first()
    await date.fill(HOUSEHOLD.move_in_date)
    await date.press('Enter')
    for (const who of ['father_member', 'mother_member']) await form.locator(`[data-testid="enr-accept-${who}"]`).click()
    const [reviewed] = await Promise.all([
      page.waitForResponse(isApi(`${API}/applications/${applicationId}/reviews`, 'POST')),
      byTestId(page, 'form-dialog-submit').click(),
    ])
    assert.equal(reviewed.status(), 200, await reviewed.text())
    const after = await reviewed.json()
    assert.equal(after.status, 'qualified')
    const accepted = after.sources.find((s) => s.department === 'household')
    assert.equal(accepted.review?.decision, 'accepted')
    assert.deepEqual(accepted.review.records?.[0]?.move_in_date, HOUSEHOLD.move_in_date)
    await page.locator('[data-testid="enr-detail"] [data-testid="enr-status-tag"][data-status="qualified"]').waitFor()
    await close('enrollment-review-accepted')
  })

  test('the guardian sees the application qualified; the county season page shows policy and lottery', async () => {
    assert.ok(applicationId, 'test 1 made the application')
    const { page, close } = await openPage(browser, PHONE, { storageState: as.parent })
    await page.goto(server.url(`/family/enrollment/${applicationId}`))
    await page.locator('[data-testid="enr-application"][data-status="qualified"]').waitFor()
    assert.match(await textOf(byTestId(page, 'enr-banner')), /入学资格审核通过/)
    assert.equal(await page.locator('[data-testid="enr-source"][data-department="household"] [data-testid="enr-source-review"]').count(), 1)
    await assertNoOverflow(page, PHONE.width, 'qualified application')
    await close('enrollment-family-qualified')

    const county = await openPage(browser, WIDE, { storageState: as.county })
    await county.page.goto(server.url(`/enrollment/seasons/${seasonId}`))
    await county.page.locator('[data-testid="enr-policy-category"]').first().waitFor()
    assert.ok((await county.page.locator('[data-testid="enr-policy-tie"]').count()) >= 1, 'the tie-breakers are listed')
    await settled(county.page)
    await county.shot('enrollment-season-policy')
    await county.page.locator('.el-tabs__item', { hasText: '计划与学区' }).click()
    await byTestId(county.page, 'enr-plans-table').waitFor()
    await county.shot('enrollment-season-plans')
    await county.page.locator('.el-tabs__item', { hasText: '摇号公证' }).click()
    await byTestId(county.page, 'enr-lottery-commitment').waitFor()
    await county.close('enrollment-season-lottery')
  })
})

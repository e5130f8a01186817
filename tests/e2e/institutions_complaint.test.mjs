// Browser end-to-end test of a complaint about an off-campus training institution, from the public form to the
// closed inspection case and the reply: a member of the public (no log-in, a phone) finds the institution on the
// public look-up (white list), files a complaint about it — the server's 422 shows beside the field it names —
// and gets the complaint number and due date; the county's section chief (district_admin) assigns it to an
// inspector; the inspector sees it under "mine", reveals the contact (audited), opens an inspection case from it
// and takes the case through 实地核查 → 发现问题; the county issues a 限期整改 decision; the inspector files it
// (建档立卡), starts rectification, uploads a photo and records a passed re-inspection with it; the county closes
// the case (销号); the inspector closes the complaint with a reply. Every step is checked on the page (tags,
// timeline entries), not only on the API. Last, a sixth report within the hour from one address gets the 429
// sentence. Against the real kehou binary with the tiny demo city (`kehou seed --scale tiny`: 任城区 370811,
// the demo.* accounts). Run from the repository root:
//   (cd web && npm ci && npm run build) && node --test tests/e2e/institutions_complaint.test.mjs
// Env: see harness.mjs (E2E_SCREENSHOTS=<dir> keeps a PNG of each page).
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  DEMO_PASSWORD,
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
  textOf,
  chooseOption,
} from './harness.mjs'
import { creditCode, orgCode } from './codes.mjs'

const API = '/api/v1/institutions'
const PUBLIC_COMPLAINTS = '/api/v1/public/complaints'
const COUNTY = '370811'
const NAME = '望岳学科培训中心'
const MOBILE = '13912345678'
const CONTENT = '该机构周六上午在望岳路 18 号二楼开展初中数学学科类培训，每次约 20 名学生。'
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

let server
let browser
/** Storage states of the demo accounts, signed in once. */
const as = {}
/** What the steps hand on: the institution, the complaint number, the case. */
const ctx = {}


/** Today in Beijing plus `days`, YYYY-MM-DD. */
function beijingDate(days = 0) {
  const d = new Date(Date.now() + 8 * 3600_000 + days * 86400_000)
  return d.toISOString().slice(0, 10)
}

/** A JSON API call with a signed-in storage state (writes carry the CSRF header), or none; resolves to the response. */
async function call(state, method, path, body) {
  const c = await browser.newContext(state ? { storageState: state } : {})
  try {
    const csrf = state?.cookies.find((k) => k.name === 'kehou_csrf')?.value
    const res = await c.request.fetch(server.url(path), { method, data: body, headers: csrf && method !== 'GET' ? { 'X-CSRF-Token': csrf } : {} })
    return { status: res.status(), json: await res.json() }
  } finally {
    await c.close()
  }
}

async function api(state, method, path, body) {
  const { status, json } = await call(state, method, path, body)
  assert.ok(status < 300, `${method} ${path}: ${status} ${JSON.stringify(json)}`)
  return json
}

const isApi = (path, method = 'GET') => (r) => new URL(r.url()).pathname === path && r.request().method() === method

/** The text input of an Element Plus input, textarea or date picker carrying (or inside) `testId`. */
const field = (page, testId) =>
  page.locator(`input[data-testid="${testId}"], textarea[data-testid="${testId}"], [data-testid="${testId}"] input`).first()

/** The error under the form item holding `testId`. */
const fieldError = (page, testId) =>
  page.locator('.el-form-item', { has: byTestId(page, testId) }).last().locator('.el-form-item__error')

/** Types a date into an Element Plus date picker and confirms it. */
async function typeDate(page, testId, date) {
  const input = field(page, testId)
  await input.click()
  await input.fill(date)
  await input.press('Enter')
}

/** The steps the case page offers, as event codes. */
function steps(page) {
  return page.$$eval('[data-testid="case-steps"] [data-testid^="case-step-"]', (els) =>
    els.map((e) => e.getAttribute('data-testid').replace('case-step-', '')),
  )
}

async function caseState(page, state) {
  await page.locator(`[data-testid="case-detail"] [data-testid="case-state"][data-state="${state}"]`).first().waitFor()
}

/** The events of the case timeline, oldest first. */
function timeline(page) {
  return page.$$eval('[data-testid="timeline-item"]', (els) => els.map((e) => e.getAttribute('data-event')))
}

/** Takes one step of a case through its dialog; checks the new state tag and the newest timeline entry. */
async function step(page, caseId, event, toState, { note, passed } = {}) {
  await byTestId(page, `case-step-${event}`).click()
  await byTestId(page, 'step-form').waitFor()
  if (passed !== undefined) await byTestId(page, passed ? 'step-passed-yes' : 'step-passed-no').click()
  if (note) await field(page, 'step-note').fill(note)
  const [res] = await Promise.all([
    page.waitForResponse(isApi(`${API}/cases/${caseId}/events`, 'POST')),
    byTestId(page, 'form-dialog-submit').click(),
  ])
  assert.equal(res.status(), 200, `${event}: ${await res.text()}`)
  await caseState(page, toState)
  const last = byTestId(page, 'timeline-item').last()
  await page.waitForFunction((e) => [...document.querySelectorAll('[data-testid="timeline-item"]')].pop()?.dataset.event === e, event)
  if (note) assert.equal(await textOf(last.getByTestId('timeline-note')), note)
  return res.json()
}

/** Opens a case page as the page's user and waits for it. */
async function gotoCase(page, caseId) {
  await Promise.all([page.waitForResponse(isApi(`${API}/cases/${caseId}`)), page.goto(server.url(`/institutions/cases/${caseId}`))])
  await byTestId(page, 'case-timeline').waitFor()
}

const complaintStatus = (page, status) =>
  page.locator(`[data-testid="complaint-detail"] .detail-head [data-testid="complaint-status"][data-status="${status}"]`).waitFor()

describe('a complaint from the public form to the closed case and the reply', { timeout: 300_000 }, () => {
  before(async () => {
    server = await startServer([], { seed: 'tiny' })
    browser = await launchBrowser()
    for (const who of ['county', 'inspector']) as[who] = await signIn(browser, server, `demo.${who}`, DEMO_PASSWORD)
    const code = creditCode(`52${COUNTY}${orgCode('MJ5566CD')}`)
    ctx.code = code
    ctx.institution = await api(as.county, 'POST', API, {
      unit_code: COUNTY,
      name: NAME,
      credit_code: code,
      category: 'subject',
      delivery: 'offline',
      address: '任城区望岳路 18 号',
      licence_no: '教民137081170000789号',
      nonprofit_reg_no: code,
      legal_representative: '孙立',
    })
  })

  after(async () => {
    await browser?.close()
    await stopServer(server)
  })

  test('the public looks the institution up and reports it from a phone; a refusal shows beside its field', async () => {
    const { page, close, shot } = await openPage(browser, PHONE, { expected: [['POST', PUBLIC_COMPLAINTS, 422]] })
    // From the log-in page, no account needed.
    await page.goto(server.url('/login'))
    await Promise.all([page.waitForURL('**/public/institutions'), byTestId(page, 'login-public-link').click()])

    // 机构查询: the white list, clearly; no personal data (the legal representative is not shown).
    await field(page, 'public-lookup-q').fill('望岳')
    const [found] = await Promise.all([
      page.waitForResponse(isApi('/api/v1/public/institutions')),
      byTestId(page, 'public-lookup-search').click(),
    ])
    const item = (await found.json()).items.find((i) => i.name === NAME)
    assert.equal(item.id, ctx.institution.id, 'the look-up names the registry record')
    assert.equal(item.unit_code, COUNTY)
    const card = byTestId(page, 'public-institution').filter({ hasText: NAME })
    await card.waitFor()
    assert.equal(await card.getAttribute('data-standing'), 'white')
    assert.equal(await textOf(card.getByTestId('public-standing')), '白名单')
    assert.equal(await textOf(card.getByTestId('public-standing-hint')), '已登记，正常经营')
    assert.match(await textOf(card), new RegExp(ctx.code))
    assert.doesNotMatch(await textOf(card), /孙立/)
    assert.equal(new URL(page.url()).searchParams.get('q'), '望岳')
    await assertNoOverflow(page, PHONE.width, 'public look-up')
    await shot('public-lookup-phone')

    // 举报该机构: the form opens with the institution chosen and its county set.
    await Promise.all([page.waitForURL('**/public/report?code=*'), card.getByTestId('public-lookup-report').click()])
    const chosen = byTestId(page, 'report-target-picker').getByTestId('public-institution')
    await chosen.waitFor()
    assert.equal(await textOf(chosen.getByTestId('public-institution-name')), NAME)
    await page.waitForFunction(() => document.querySelector('[data-testid="report-county"]')?.textContent?.includes('任城区'))
    assert.ok(await byTestId(page, 'report-county').locator('.is-disabled').count(), 'the county is the institution’s own')
    await field(page, 'report-content').fill(CONTENT)
    await field(page, 'report-contact').fill(MOBILE)
    await assertNoOverflow(page, PHONE.width, 'public report form')
    await shot('public-report-phone')

    // The server's 422 goes beside the field it names (the content is cut short on the way, once).
    let cut = false
    await page.route(`**${PUBLIC_COMPLAINTS}`, async (route) => {
      if (cut) return route.continue()
      cut = true
      await route.continue({ postData: JSON.stringify({ ...route.request().postDataJSON(), content: '太短了' }) })
    })
    const [refused] = await Promise.all([page.waitForResponse(isApi(PUBLIC_COMPLAINTS, 'POST')), byTestId(page, 'report-submit').click()])
    assert.equal(refused.status(), 422)
    const problem = (await refused.json()).error
    assert.equal(problem.field, 'content')
    assert.equal(await textOf(fieldError(page, 'report-content')), problem.message)
    await shot('public-report-422-phone')

    const [filed] = await Promise.all([page.waitForResponse(isApi(PUBLIC_COMPLAINTS, 'POST')), byTestId(page, 'report-submit').click()])
    assert.equal(filed.status(), 201)
    const sent = filed.request().postDataJSON()
    assert.equal(sent.unit_code, COUNTY)
    assert.equal(sent.contact, MOBILE)
    assert.equal(sent.anonymous, false)
    assert.equal(sent.content, CONTENT)
    assert.equal(sent.institution_id, ctx.institution.id, 'the institution picked is sent by its id')
    assert.equal(sent.operator_name, undefined)
    assert.equal(sent.operator_address, undefined)
    const receipt = await filed.json()
    ctx.complaint = receipt.id
    await byTestId(page, 'report-receipt').waitFor()
    assert.equal(await textOf(byTestId(page, 'report-number')), String(receipt.id))
    assert.equal(await textOf(byTestId(page, 'report-due')), receipt.due_date)
    assert.ok(receipt.due_date > beijingDate(0), 'due in working days after today')
    await assertNoOverflow(page, PHONE.width, 'public receipt')
    await close('public-report-receipt-phone')
  })

  test('the county assigns the complaint to an inspector', async () => {
    const { page, close, shot } = await openPage(browser, DESKTOP, { storageState: as.county })
    await page.goto(server.url('/home'))
    await dashboardReady(page)
    await Promise.all([page.waitForResponse(isApi(`${API}/complaints`)), byTestId(page, 'menu-/institutions/complaints').click()])
    const row = page.locator('[data-testid="complaints-table"] .el-table__row', {
      has: page.locator(`a[href="/institutions/complaints/${ctx.complaint}"]`),
    })
    await row.waitFor()
    assert.equal(await row.getByTestId('complaint-status').getAttribute('data-status'), 'received')
    assert.equal(await textOf(row.getByTestId('complaint-contact')), '139****5678', 'the contact is masked')
    assert.match(await textOf(row), /网上举报/)
    assert.equal(await row.getByTestId('complaint-due').getAttribute('data-overdue'), 'false')
    await shot('complaints-list-county')

    await Promise.all([page.waitForURL(`**/institutions/complaints/${ctx.complaint}`), row.click()])
    await byTestId(page, 'complaint-facts').waitFor()
    await complaintStatus(page, 'received')
    assert.equal(await textOf(byTestId(page, 'complaint-content')), CONTENT)
    assert.equal(await textOf(byTestId(page, 'complaint-assignee')), '未分派')
    const linked = byTestId(page, 'complaint-institution')
    assert.equal(await textOf(linked), NAME, 'the complaint is linked to the registry record')
    assert.equal(await linked.getAttribute('href'), `/institutions/${ctx.institution.id}`)
    assert.equal(await byTestId(page, 'complaint-close').count(), 1, 'the bureau may close it')

    await Promise.all([page.waitForResponse(isApi(`${API}/inspectors`)), byTestId(page, 'complaint-assign').click()])
    await byTestId(page, 'assign-form').waitFor()
    await chooseOption(page, byTestId(page, 'assign-inspector'), '执法检查员（演示）')
    const [assigned] = await Promise.all([
      page.waitForResponse(isApi(`${API}/complaints/${ctx.complaint}/assign`, 'POST')),
      byTestId(page, 'form-dialog-submit').click(),
    ])
    assert.equal(assigned.status(), 200)
    await complaintStatus(page, 'assigned')
    assert.equal(await textOf(byTestId(page, 'complaint-assignee')), '执法检查员（演示）')
    assert.equal(await textOf(byTestId(page, 'complaint-assign')), '改派')
    await shot('complaint-assigned-county')

    // A call to the hotline about an unlicensed operator, recorded by the county.
    await Promise.all([page.waitForResponse(isApi(`${API}/complaints`)), byTestId(page, 'back').click()])
    await byTestId(page, 'complaints-record').click()
    await byTestId(page, 'record-form').waitFor()
    await byTestId(page, 'record-target-unlicensed').click()
    await field(page, 'record-operator-name').fill('某小区家庭补习班')
    await field(page, 'record-operator-address').fill('任城区古槐路 6 号院 3 号楼')
    await field(page, 'record-contact').fill('13700001111')
    await field(page, 'record-content').fill('家长来电：小区内有人在家中给小学生补习语文数学，每晚到九点半。')
    await page.waitForFunction(() => !document.querySelector('.dialog-fade-enter-active'))
    await shot('complaint-record-dialog')
    const [recorded] = await Promise.all([page.waitForResponse(isApi(`${API}/complaints`, 'POST')), byTestId(page, 'form-dialog-submit').click()])
    assert.equal(recorded.status(), 201, await recorded.text())
    const body = recorded.request().postDataJSON()
    assert.equal(body.channel, 'phone')
    assert.equal(body.unit_code, COUNTY)
    assert.match(body.received_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/, 'Beijing time, whatever the device says')
    assert.equal(body.institution_id, undefined)
    const phoned = await recorded.json()
    await page.waitForURL(`**/institutions/complaints/${phoned.id}`)
    await complaintStatus(page, 'received')
    assert.match(await textOf(byTestId(page, 'complaint-facts')), /电话[\s\S]*未关联机构\s*某小区家庭补习班[\s\S]*古槐路 6 号院/)
    assert.equal(await textOf(byTestId(page, 'complaint-contact')), '137****1111')
    await close('complaint-recorded-county')
  })

  test('the inspector finds it under "mine", reveals the contact, opens a case and inspects: issues found', async () => {
    const { page, close, shot } = await openPage(browser, DESKTOP, { storageState: as.inspector })
    await Promise.all([page.waitForResponse(isApi(`${API}/complaints`)), page.goto(server.url('/institutions/complaints'))])
    const mine = (r) => isApi(`${API}/complaints`)(r) && new URL(r.url()).searchParams.get('mine') === 'true'
    await Promise.all([page.waitForResponse(mine), byTestId(page, 'complaints-mine').click()])
    assert.equal(new URL(page.url()).searchParams.get('mine'), 'true', 'the filter is kept in the address')
    const link = page.locator(`[data-testid="complaints-table"] a[href="/institutions/complaints/${ctx.complaint}"]`)
    await link.waitFor()
    await shot('complaints-mine-inspector')

    await Promise.all([page.waitForURL(`**/institutions/complaints/${ctx.complaint}`), link.click()])
    await byTestId(page, 'complaint-facts').waitFor()
    await complaintStatus(page, 'assigned')
    assert.equal(await textOf(byTestId(page, 'complaint-contact')), '139****5678')
    assert.equal(await byTestId(page, 'complaint-assign').count(), 0, 'inspectors do not assign')
    const [revealed] = await Promise.all([
      page.waitForResponse(isApi(`${API}/complaints/${ctx.complaint}/contact`)),
      byTestId(page, 'complaint-reveal').click(),
    ])
    assert.equal(revealed.status(), 200)
    // The answer has arrived; the page shows it on its next render.
    await byTestId(page, 'complaint-contact').filter({ hasText: MOBILE }).waitFor()
    assert.equal(await textOf(byTestId(page, 'complaint-contact')), MOBILE)
    assert.match(await textOf(byTestId(page, 'complaint-contact-revealed')), /操作日志/)
    assert.match(await textOf(byTestId(page, 'complaint-cases')), /尚未立案核查/)
    await shot('complaint-revealed-inspector')

    // 立案核查 from the complaint: the case carries its number.
    await byTestId(page, 'complaint-open-case').click()
    await byTestId(page, 'complaint-case-form').waitFor()
    assert.equal(await textOf(byTestId(page, 'complaint-case-institution')), NAME)
    assert.match(await field(page, 'complaint-case-note').inputValue(), new RegExp(`根据举报 #${ctx.complaint}`))
    await page.waitForFunction(() => !document.querySelector('.dialog-fade-enter-active'))
    await shot('complaint-case-dialog-inspector')
    const [opened] = await Promise.all([
      page.waitForResponse(isApi(`${API}/${ctx.institution.id}/cases`, 'POST')),
      byTestId(page, 'form-dialog-submit').click(),
    ])
    assert.equal(opened.status(), 201)
    assert.equal(opened.request().postDataJSON().complaint_id, ctx.complaint)
    ctx.case = (await opened.json()).id
    await page.waitForURL(`**/institutions/cases/${ctx.case}`)
    await caseState(page, 'scheduled')
    const source = byTestId(page, 'case-complaint-link')
    assert.equal(await textOf(source), `#${ctx.complaint}`, 'the case names its complaint')
    assert.equal(await source.getAttribute('href'), `/institutions/complaints/${ctx.complaint}`)
    assert.equal(await textOf(byTestId(page, 'case-county')), '任城区')
    assert.deepEqual(await timeline(page), ['open'])

    await step(page, ctx.case, 'inspect', 'inspected', { note: '周六上午现场核查，二楼教室有 18 名初中生在上数学课' })
    await step(page, ctx.case, 'find_issues', 'issues_found', { note: '违规在周末开展学科类培训' })
    assert.deepEqual(await timeline(page), ['open', 'inspect', 'find_issues'])
    assert.deepEqual(await steps(page), [], 'the bureau decides next')
    await close('case-issues-found-inspector')
  })

  test('the county issues a 限期整改 decision', async () => {
    const { page, close } = await openPage(browser, DESKTOP, { storageState: as.county })
    await gotoCase(page, ctx.case)
    await caseState(page, 'issues_found')
    assert.deepEqual(await steps(page), ['issue_decision'])
    await byTestId(page, 'case-step-issue_decision').click()
    await byTestId(page, 'decision-form').waitFor()
    await chooseOption(page, byTestId(page, 'decision-form-kind'), '限期整改')
    await field(page, 'decision-form-authority').fill('济宁市任城区教育和体育局')
    await field(page, 'decision-form-basis').fill('《校外培训行政处罚暂行办法》第十四条')
    ctx.rectifyBy = beijingDate(30)
    await typeDate(page, 'decision-form-rectify-by', ctx.rectifyBy)
    const [decided] = await Promise.all([
      page.waitForResponse(isApi(`${API}/cases/${ctx.case}/events`, 'POST')),
      byTestId(page, 'form-dialog-submit').click(),
    ])
    assert.equal(decided.status(), 200, await decided.text())
    assert.equal(decided.request().postDataJSON().decision.rectify_by, ctx.rectifyBy)
    await caseState(page, 'decision_issued')
    assert.deepEqual(await timeline(page), ['open', 'inspect', 'find_issues', 'issue_decision'])
    assert.match(await textOf(page.locator('.side')), new RegExp(`限期整改[\\s\\S]*${ctx.rectifyBy}`))
    await close('case-decision-county')
  })

  test('the inspector files the case, starts rectification, uploads a photo and records a passed re-inspection', async () => {
    const { page, close, shot } = await openPage(browser, DESKTOP, { storageState: as.inspector })
    await gotoCase(page, ctx.case)
    await caseState(page, 'decision_issued')
    await step(page, ctx.case, 'file', 'filed', { note: '已建档立卡' })
    await step(page, ctx.case, 'start_rectification', 'rectifying', { note: '机构承诺停止周末学科类培训' })

    const [up] = await Promise.all([
      page.waitForResponse(isApi(`${API}/cases/${ctx.case}/evidence`, 'POST')),
      byTestId(page, 'evidence-input').setInputFiles({ name: '复查照片.png', mimeType: 'image/png', buffer: PNG }),
    ])
    assert.equal(up.status(), 201)
    await page.locator('[data-testid="evidence-item"][data-attached="false"]', { hasText: '复查照片.png' }).waitFor()

    await step(page, ctx.case, 'reinspect', 'reinspected', { passed: true, note: '周六复查，已停止学科类培训' })
    const attached = page.locator('[data-testid="evidence-item"][data-attached="true"]', { hasText: '复查照片.png' })
    await attached.waitFor()
    const last = byTestId(page, 'timeline-item').last()
    assert.equal(await textOf(last.getByTestId('timeline-outcome')), '复查：整改到位')
    assert.match(await textOf(last), /复查照片\.png/, 'the photo is linked to the re-inspection')
    assert.deepEqual((await steps(page)).sort(), ['find_unresolved', 'resume_rectification'], 'the bureau alone closes (销号)')
    await shot('case-reinspected-inspector')
    await close()
  })

  test('the county closes the case (销号)', async () => {
    const { page, close, shot } = await openPage(browser, DESKTOP, { storageState: as.county })
    await gotoCase(page, ctx.case)
    await caseState(page, 'reinspected')
    await step(page, ctx.case, 'close', 'closed', { note: '整改到位，予以销号' })
    assert.deepEqual(await timeline(page), [
      'open',
      'inspect',
      'find_issues',
      'issue_decision',
      'file',
      'start_rectification',
      'reinspect',
      'close',
    ])
    assert.match(await textOf(byTestId(page, 'case-no-steps')), /案件已结案/)
    await shot('case-closed-county')

    // The cases list names each case's county.
    await Promise.all([page.waitForResponse(isApi(`${API}/cases`)), byTestId(page, 'back').click()])
    const row = page.locator('[data-testid="cases-table"] .el-table__row', { has: page.locator(`a[href="/institutions/cases/${ctx.case}"]`) })
    await row.waitFor()
    assert.equal(await textOf(row.getByTestId('case-county')), '任城区')
    await close('cases-list-county')
  })

  test('the inspector closes the complaint with a reply', async () => {
    const { page, close } = await openPage(browser, DESKTOP, { storageState: as.inspector })
    // From the case to its complaint; the complaint lists the cases opened from it, asked of the server.
    await gotoCase(page, ctx.case)
    const fromComplaint = (r) => isApi(`${API}/cases`)(r) && new URL(r.url()).searchParams.get('complaint_id') === String(ctx.complaint)
    const [listed] = await Promise.all([
      page.waitForResponse(fromComplaint),
      page.waitForURL(`**/institutions/complaints/${ctx.complaint}`),
      byTestId(page, 'case-complaint-link').click(),
    ])
    assert.deepEqual(
      (await listed.json()).items.map((c) => c.id),
      [ctx.case],
    )
    await byTestId(page, 'complaint-facts').waitFor()
    const caseRow = byTestId(page, 'complaint-cases-table').locator('.el-table__row', { has: page.locator(`a[href="/institutions/cases/${ctx.case}"]`) })
    await caseRow.waitFor()
    assert.equal(await byTestId(page, 'complaint-cases-table').locator('.el-table__row').count(), 1)
    assert.equal(await caseRow.getByTestId('case-state').getAttribute('data-state'), 'closed')
    assert.equal(await textOf(caseRow.getByTestId('case-state')), '已销号')

    const reply = '经查，该机构周末违规开展学科类培训属实，已责令整改并复查销号。感谢您的监督。'
    await byTestId(page, 'complaint-close').click()
    await field(page, 'close-reply').fill(reply)
    const [closed] = await Promise.all([
      page.waitForResponse(isApi(`${API}/complaints/${ctx.complaint}/close`, 'POST')),
      byTestId(page, 'form-dialog-submit').click(),
    ])
    assert.equal(closed.status(), 200)
    await complaintStatus(page, 'closed')
    assert.equal(await textOf(byTestId(page, 'complaint-reply')), reply)
    assert.equal(await byTestId(page, 'complaint-actions').locator('button').count(), 0, 'nothing left to do')
    await close('complaint-closed-inspector')
  })

  test('a sixth report within the hour from one address is refused with a plain sentence', async () => {
    // The first two tries (the refused one counts too) came from this address; three more fill the hour's five.
    for (let i = 0; i < 3; i++) {
      const { status } = await call(null, 'POST', PUBLIC_COMPLAINTS, {
        unit_code: COUNTY,
        anonymous: true,
        operator_name: '家庭补习班',
        operator_address: `任城区某小区 ${i + 1} 号楼`,
        content: '小区内有人在家中开展学科类补习，每周六全天。',
      })
      assert.equal(status, 201)
    }
    const { page, close, shot } = await openPage(browser, PHONE, { expected: [['POST', PUBLIC_COMPLAINTS, 429]] })
    await Promise.all([page.waitForResponse(isApi('/api/v1/public/counties')), page.goto(server.url('/public/report?unlicensed=1'))])
    await chooseOption(page, byTestId(page, 'report-county'), '任城区')
    await field(page, 'report-operator-name').fill('家庭补习班')
    await field(page, 'report-operator-address').fill('任城区某小区 9 号楼 2 单元')
    await field(page, 'report-content').fill('小区内有人在家中开展学科类补习，每晚九点以后。')
    await byTestId(page, 'report-anonymous').click()
    assert.equal(await byTestId(page, 'report-contact').count(), 0, 'no mobile when anonymous')
    const [refused] = await Promise.all([page.waitForResponse(isApi(PUBLIC_COMPLAINTS, 'POST')), byTestId(page, 'report-submit').click()])
    assert.equal(refused.status(), 429)
    const sent = refused.request().postDataJSON()
    assert.equal(sent.anonymous, true)
    assert.equal(sent.contact, undefined)
    assert.match(await textOf(byTestId(page, 'report-too-many')), /举报过多.*一小时后再试.*12345/)
    await assertNoOverflow(page, PHONE.width, 'public report 429')
    await shot('public-report-429-phone')
    await close()
  })
})

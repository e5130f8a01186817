// Browser end-to-end test of 校外培训监管 (off-campus training supervision): the county bureau registers an
// institution through the form (a credit code with a wrong check character asks for the override reason, a
// 学科类 teacher without a qualification number is refused on the staff row); an inspector, read-only in the
// registry, schedules an inspection from the institution's page, takes the case to 已实地核查 and uploads a
// photo; the page shows the new state and the next steps; the county, on a page the inspector has overtaken,
// gets the server's 409 as it is and the buttons follow. Against the real kehou binary with the tiny demo
// city (`kehou seed --scale tiny`: 任城区 370811, the demo.* accounts). Run from the repository root:
//   (cd web && npm ci && npm run build) && node --test tests/e2e/institutions.test.mjs
// Env: see harness.mjs. Signs in through the API (2 log-ins).
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  DEMO_PASSWORD,
  DESKTOP,
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
const COUNTY = '370811'

let server
let browser
/** Storage states of the demo accounts, signed in once. */
const as = {}


/** A non-profit (52) code of the county with a valid inner organisation code and check character. */
const nonProfitCode = (org8) => creditCode(`52${COUNTY}${orgCode(org8)}`)

/** The same code with a wrong check character (valid layout). */
function breakCheck(code) {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY'
  return code.slice(0, 17) + chars[(chars.indexOf(code[17]) + 1) % 31]
}

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

/** Rows of an Element Plus table as arrays of cell texts. */
function tableRows(page, testId) {
  return page.$$eval(`[data-testid="${testId}"] .el-table__body-wrapper tr.el-table__row`, (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())),
  )
}

/** The text input of an Element Plus input, textarea or date picker carrying (or inside) `testId`. */
const field = (page, testId) =>
  page.locator(`input[data-testid="${testId}"], textarea[data-testid="${testId}"], [data-testid="${testId}"] input`).first()

/** The error under the form item holding `testId`. */
const fieldError = (page, testId) =>
  page.locator('.el-form-item', { has: byTestId(page, testId) }).last().locator('.el-form-item__error')

/** The steps the case page offers, as event codes. */
async function steps(page) {
  return page.$$eval('[data-testid="case-steps"] [data-testid^="case-step-"]', (els) =>
    els.map((e) => e.getAttribute('data-testid').replace('case-step-', '')),
  )
}

/** Waits for a case page to show `state`. */
async function caseState(page, state) {
  await page.locator(`[data-testid="case-detail"] [data-testid="case-state"][data-state="${state}"]`).first().waitFor()
}

describe('off-campus training supervision', { timeout: 240_000 }, () => {
  before(async () => {
    server = await startServer([], { seed: 'tiny' })
    browser = await launchBrowser()
    for (const who of ['county', 'inspector']) as[who] = await signIn(browser, server, `demo.${who}`, DEMO_PASSWORD)
  })

  after(async () => {
    await browser?.close()
    await stopServer(server)
  })

  test('the county registers a 学科类 institution: the checksum asks for a reason, a teacher needs a qualification number', async () => {
    const { page, close, shot } = await openPage(browser, DESKTOP, {
      expected: [['POST', API, 422]],
      storageState: as.county,
    })
    await page.goto(server.url('/home'))
    await dashboardReady(page)
    assert.match(await textOf(byTestId(page, 'menu-group-institutions').locator('.el-sub-menu__title')), /校外培训监管/)
    await Promise.all([page.waitForResponse(isApi(API)), byTestId(page, 'menu-/institutions').click()])
    await page.waitForURL((u) => u.pathname === '/institutions')

    const code = nonProfitCode('MJ123456')
    const name = '任城区启智学科培训中心'
    await byTestId(page, 'registry-add').click()
    await byTestId(page, 'institution-form').waitFor()
    await field(page, 'inst-form-name').fill(name)
    await field(page, 'inst-form-credit-code').fill(breakCheck(code))
    await chooseOption(page, byTestId(page, 'inst-form-category'), '学科类')
    await field(page, 'inst-form-address').fill('济宁市任城区红星中路 12 号')
    await field(page, 'inst-form-legal-rep').fill('王建国')
    await field(page, 'inst-form-licence-no').fill('教民137081170000123号')
    await field(page, 'inst-form-nonprofit').fill(code)
    await byTestId(page, 'staff-add').click()
    await field(page, 'staff-name').fill('李老师')
    await byTestId(page, 'staff-subject').click()
    assert.equal(await byTestId(page, 'inst-form-override').count(), 0, 'no override field before the server asks')

    // 1. The check character: the server's words under the code, and the reason field opens.
    const [first] = await Promise.all([page.waitForResponse(isApi(API, 'POST')), byTestId(page, 'form-dialog-submit').click()])
    assert.equal(first.status(), 422)
    assert.equal((await first.json()).error.code, 'institutions.credit_code_checksum')
    assert.equal(first.request().postDataJSON().unit_code, COUNTY, 'the only county of the scope is chosen')
    await byTestId(page, 'inst-form-override').waitFor()
    assert.match(await textOf(fieldError(page, 'inst-form-credit-code')), /校验位不正确/)
    await shot('inst-form-checksum')

    // 2. The right code: now the staff row — a 学科类 teacher without a qualification number.
    await field(page, 'inst-form-credit-code').fill(code)
    const [second] = await Promise.all([page.waitForResponse(isApi(API, 'POST')), byTestId(page, 'form-dialog-submit').click()])
    assert.equal(second.status(), 422)
    assert.equal((await second.json()).error.field, 'staff[0].qualification_no')
    assert.match(await textOf(fieldError(page, 'staff-editor')), /教师资格/)
    assert.match((await byTestId(page, 'staff-row').getAttribute('class')) ?? '', /has-error/, 'the row is marked')

    // 3. With the number: registered; the list shows it.
    await field(page, 'staff-qualification').fill('20213701142000123')
    const [third] = await Promise.all([page.waitForResponse(isApi(API, 'POST')), byTestId(page, 'form-dialog-submit').click()])
    assert.equal(third.status(), 201)
    const sent = third.request().postDataJSON()
    assert.equal(sent.credit_override_reason, null, 'no override once the code is right')
    assert.deepEqual(sent.staff, [{ name: '李老师', teaches_subject: true, qualification_no: '20213701142000123' }])
    await byTestId(page, 'institution-form').waitFor({ state: 'detached' })
    const saved = byTestId(page, 'saved-notice')
    await saved.waitFor()
    assert.match(await textOf(saved), new RegExp(`已登记「${name}」`))

    // Found by its name in the registry (the demo county has others), with the new record's columns.
    await byTestId(page, 'registry-q').fill('启智')
    // (The list reloaded after the save too: wait for the answer to this search, not that one.)
    const searched = (r) => isApi(API)(r) && new URL(r.url()).searchParams.get('q') === '启智'
    await Promise.all([page.waitForResponse(searched), byTestId(page, 'registry-search').click()])
    assert.equal(new URL(page.url()).searchParams.get('q'), '启智', 'the filter is kept in the address')
    await page.waitForFunction(() => !document.querySelector('.list-card .el-loading-mask'))
    const rows = await tableRows(page, 'registry-table')
    const row = rows.find((r) => r[1] === code)
    assert.ok(row, JSON.stringify(rows))
    assert.ok(rows.every((r) => r[0].includes('启智')), 'only names with 启智')
    assert.equal(row[0], name)
    assert.equal(row[2], '学科类')
    assert.equal(row[3], '线下')
    assert.equal(row[4], '正常经营')
    assert.equal(row[5], '', 'no open case yet')
    assert.equal(row[6], '任城区')
    assert.equal(row[7], '1', 'one teacher')

    // The saved notice leads to the record.
    await Promise.all([page.waitForURL(`**/institutions/${(await third.json()).id}`), saved.getByTestId('saved-open').click()])
    await byTestId(page, 'institution-facts').waitFor()
    assert.equal(await textOf(byTestId(page, 'institution-name')), name)
    await close('inst-registry-county')
  })

  test('an inspector opens a case and takes it to 已实地核查; the page shows the state, the next steps and the evidence', async () => {
    const code = nonProfitCode('MJ7788AB')
    const name = '晨曦学科辅导站'
    const inst = await api(as.county, 'POST', API, {
      unit_code: COUNTY,
      name,
      credit_code: code,
      category: 'subject',
      delivery: 'offline',
      address: '任城区建设路 101 号',
      licence_no: '教民137081170000456号',
      nonprofit_reg_no: code,
      legal_representative: '吴刚',
    })

    const { page, close, shot } = await openPage(browser, DESKTOP, { storageState: as.inspector })
    await Promise.all([page.waitForResponse(isApi(API)), page.goto(server.url(`/institutions?q=${encodeURIComponent('晨曦')}`))])
    const link = page.locator(`[data-testid="institution-link"][href="/institutions/${inst.id}"]`)
    await link.waitFor()
    assert.equal(await byTestId(page, 'registry-add').count(), 0, 'an inspector does not register')
    assert.equal(await byTestId(page, 'registry-edit').count(), 0, 'nor edit')
    assert.equal(await byTestId(page, 'menu-/institutions/reduction').count(), 1, 'the report is readable')

    // 机构详情 → 安排核查: the new case's page.
    await Promise.all([page.waitForURL(`**/institutions/${inst.id}`), link.click()])
    await byTestId(page, 'institution-facts').waitFor()
    assert.equal(await textOf(byTestId(page, 'institution-name')), name)
    assert.equal(await byTestId(page, 'institution-edit').count(), 0)
    await byTestId(page, 'institution-schedule').click()
    await field(page, 'open-case-note').fill('群众举报周末开展学科类培训')
    const [opened] = await Promise.all([
      page.waitForResponse(isApi(`${API}/${inst.id}/cases`, 'POST')),
      byTestId(page, 'form-dialog-submit').click(),
    ])
    assert.equal(opened.status(), 201)
    const caseId = (await opened.json()).id
    await page.waitForURL(`**/institutions/cases/${caseId}`)
    await caseState(page, 'scheduled')
    assert.deepEqual(await steps(page), ['inspect'])
    assert.equal(await byTestId(page, 'timeline-item').count(), 1)
    assert.equal(await textOf(byTestId(page, 'timeline-note')), '群众举报周末开展学科类培训')

    // 实地核查 with a note.
    await byTestId(page, 'case-step-inspect').click()
    await field(page, 'step-note').fill('周六上午现场有 12 名学生在上数学课')
    const [moved] = await Promise.all([
      page.waitForResponse(isApi(`${API}/cases/${caseId}/events`, 'POST')),
      byTestId(page, 'form-dialog-submit').click(),
    ])
    assert.equal(moved.status(), 200)
    assert.deepEqual(moved.request().postDataJSON(), { event: 'inspect', note: '周六上午现场有 12 名学生在上数学课' })
    await caseState(page, 'inspected')
    assert.equal(await textOf(byTestId(page, 'case-detail').getByTestId('case-state').first()), '已实地核查')
    assert.deepEqual((await steps(page)).sort(), ['find_issues', 'find_no_issue'], 'the inspector’s next steps')
    assert.equal(await textOf(byTestId(page, 'case-step-find_issues')), '发现问题')
    const items = byTestId(page, 'timeline-item')
    assert.equal(await items.count(), 2)
    const last = items.last()
    assert.equal(await last.getAttribute('data-event'), 'inspect')
    assert.match(await textOf(last), /实地核查\s*待核查 → 已实地核查/)
    assert.equal(await textOf(last.getByTestId('timeline-actor')), '执法检查员（演示） · 执法检查员')

    // Evidence: a text file is refused here, without a request; a photo goes up as its own bytes.
    let uploads = 0
    page.on('request', (r) => r.url().includes(`/cases/${caseId}/evidence`) && uploads++)
    await byTestId(page, 'evidence-input').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('x') })
    assert.match(await textOf(byTestId(page, 'evidence-error')), /不是 JPEG、PNG 照片或 PDF/)
    assert.equal(uploads, 0)
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    )
    const [up] = await Promise.all([
      page.waitForResponse(isApi(`${API}/cases/${caseId}/evidence`, 'POST')),
      byTestId(page, 'evidence-input').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: png }),
    ])
    assert.equal(up.status(), 201)
    assert.equal(up.request().headers()['content-type'], 'image/png')
    assert.equal(new URL(up.url()).searchParams.get('name'), '现场照片.png')
    const file = page.locator('[data-testid="evidence-item"][data-attached="false"]', { hasText: '现场照片.png' })
    await file.waitFor()
    assert.match(await textOf(file), /待关联/)
    assert.equal(await byTestId(page, 'evidence-error').count(), 0)
    await shot('inst-case-inspected')

    // The registry now flags the open case; the case list shows the state.
    await Promise.all([page.waitForResponse(isApi(API)), page.goto(server.url(`/institutions?q=${encodeURIComponent(name)}`))])
    const row = page.locator('[data-testid="registry-table"] .el-table__row', {
      has: page.locator(`a[href="/institutions/${inst.id}"]`),
    })
    await row.getByTestId('open-case-badge').waitFor()
    await Promise.all([page.waitForResponse(isApi(`${API}/cases`)), page.goto(server.url('/institutions/cases?open=true'))])
    const cases = await tableRows(page, 'cases-table')
    const listed = cases.find((r) => r[0] === `#${caseId}`)
    assert.ok(listed, JSON.stringify(cases))
    assert.equal(listed[1], name)
    assert.equal(listed[2], '任城区', 'the county of the case')
    assert.equal(listed[3], '已实地核查')
    await close('inst-cases-inspector')

    // The county's page is overtaken (the inspector finds issues meanwhile): its step meets the 409, shown as
    // the server words it, and the buttons follow the new state.
    const eventsPath = `${API}/cases/${caseId}/events`
    const county = await openPage(browser, DESKTOP, { expected: [['POST', eventsPath, 409]], storageState: as.county })
    await Promise.all([
      county.page.waitForResponse(isApi(`${API}/cases/${caseId}`)),
      county.page.goto(server.url(`/institutions/cases/${caseId}`)),
    ])
    await caseState(county.page, 'inspected')
    await api(as.inspector, 'POST', eventsPath, { event: 'find_issues', note: '周末开展学科类培训' })
    await byTestId(county.page, 'case-step-find_no_issue').click()
    const [refused] = await Promise.all([
      county.page.waitForResponse(isApi(eventsPath, 'POST')),
      byTestId(county.page, 'form-dialog-submit').click(),
    ])
    assert.equal(refused.status(), 409)
    const message = (await refused.json()).error.message
    assert.equal(message, '案件当前状态为“发现问题”，不能执行“未发现问题”')
    assert.equal(await textOf(byTestId(county.page, 'form-dialog-error')), message)
    await caseState(county.page, 'issues_found')
    assert.deepEqual(await steps(county.page), ['issue_decision'], 'the bureau decides next')
    await county.close('inst-case-409-county')
  })
})

// Browser end-to-end test of the organisation pages (组织机构: schools, students, teachers, roster
// import) and a parent's 我的孩子, against the real kehou binary with the tiny demo city loaded
// (`kehou seed --scale tiny`: 3 schools in 任城区, 600 students, the demo.* accounts). Run from the
// repository root:
//   (cd web && npm ci && npm run build) && node --test tests/e2e/
// Env: see harness.mjs. Signs in through the API (5 log-ins, under the rate limit of 20 a minute).
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
  chooseOption,
} from './harness.mjs'

const MASKED_ID = /^\d{6}\*{8}[\dX]{4}$/
const FULL_ID = /^\d{17}[\dX]$/
const API = '/api/v1/org'
/** Columns of the students table. */
const STUDENT = { name: 0, id: 3, school: 6 }

let server
let browser
/** Storage states of the demo accounts, signed in once. */
const as = {}

/** GB 11643: the check character of the first 17 digits. */
function idCheck(first17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0)
  return '10X98765432'[sum % 11]
}

/** A valid identity number of 任城区 (370811) born on `birth` (YYYYMMDD); digit 17 odd for a boy. */
function makeId(birth, seq, male) {
  const order = String((seq % 50) * 2 + (male ? 1 : 0)).padStart(3, '0')
  const first17 = `370811${birth}${order}`
  return first17 + idCheck(first17)
}

/** The same number with a wrong check character. */
function breakCheck(id) {
  return id.slice(0, 17) + (id[17] === '0' ? '1' : '0')
}

/** GET an API path with a signed-in storage state; resolves to the JSON body. */
async function apiGet(state, path) {
  const ctx = await browser.newContext({ storageState: state })
  try {
    const res = await ctx.request.get(server.url(path))
    assert.equal(res.status(), 200, `GET ${path}: ${await res.text()}`)
    return await res.json()
  } finally {
    await ctx.close()
  }
}

const isApi = (path, method = 'GET') => (r) => new URL(r.url()).pathname === path && r.request().method() === method

/** Rows of an Element Plus table as arrays of cell texts. */
function tableRows(page, testId) {
  return page.$$eval(`[data-testid="${testId}"] .el-table__body tr.el-table__row`, (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())),
  )
}

/** Waits until a table shows the answer of a request started by `action`. */
async function waitForList(page, path, action) {
  const [res] = await Promise.all([page.waitForResponse(isApi(path)), action()])
  await page.waitForFunction(() => !document.querySelector('.list-card .el-loading-mask'))
  return res
}

/** The error under the form item holding `testId`. */
const fieldError = (page, testId) =>
  page.locator('.el-form-item', { has: byTestId(page, testId) }).locator('.el-form-item__error')

/** The total under a list (`共 N 条`). */
async function pagerTotal(page, testId) {
  const text = await textOf(byTestId(page, testId).locator('.el-pagination__total'))
  assert.match(text, /^共 \d+ 条$/)
  return Number(text.match(/\d+/)[0])
}

/**
 * Identity numbers no one in the seeded city holds: the demo seed draws from the same number space, so a number
 * made from the clock can, now and then, be a seeded child's (its row would then be refused as already registered).
 */
async function freshIds(births, males) {
  const start = Math.floor(Date.now() / 16) % 50
  for (let k = 0; k < 50; k++) {
    const ids = births.map((b, i) => makeId(b, (start + k) % 50, males[i]))
    const taken = await Promise.all(
      ids.map(async (id) => (await apiGet(as.city, `${API}/students?id_number=${id}&page_size=1`)).total),
    )
    if (taken.every((n) => n === 0)) return ids
  }
  throw new Error('no free identity numbers in 50 tries')
}

async function studentsTotal(state, schoolId) {
  return (await apiGet(state, `${API}/students?school_id=${schoolId}&page_size=1`)).total
}

describe('organisation pages', { timeout: 200_000 }, () => {
  before(async () => {
    server = await startServer([], { seed: 'tiny' })
    browser = await launchBrowser()
    for (const who of ['city', 'county', 'school', 'teacher', 'parent']) {
      as[who] = await signIn(browser, server, `demo.${who}`, DEMO_PASSWORD)
    }
  })

  after(async () => {
    await browser?.close()
    await stopServer(server)
  })

  test('a school administrator finds a student, reveals the full ID number after a warning; the county sees it logged', async () => {
    const { page, close, shot } = await openPage(browser, DESKTOP, { storageState: as.school })
    await page.goto(server.url('/home'))
    assert.match(await textOf(byTestId(page, 'menu-group-org').locator('.el-sub-menu__title')), /组织机构/)
    assert.equal(await byTestId(page, 'menu-/family/children').count(), 0, 'my children is for parents only')
    await waitForList(page, `${API}/students`, () => byTestId(page, 'menu-/org/students').click())
    await page.waitForURL((u) => u.pathname === '/org/students')
    await shot('students-desktop')

    // Pick a student from the list, then find them by the first characters of the name.
    const rows = await tableRows(page, 'students-table')
    assert.ok(rows.length >= 10, `a page of students: ${rows.length}`)
    for (const r of rows) assert.match(r[STUDENT.id], MASKED_ID, 'identity numbers are masked in the list')
    assert.ok(rows.every((r) => r[STUDENT.school] === '济宁市任城区实验小学'), 'only the own school')
    const picked = rows[7]
    const prefix = picked[STUDENT.name].slice(0, 2)
    await byTestId(page, 'students-name').fill(prefix)
    const found = await waitForList(page, `${API}/students`, () => byTestId(page, 'students-search').click())
    assert.equal(new URL(found.url()).searchParams.get('name'), prefix)
    assert.equal(new URL(page.url()).searchParams.get('name'), prefix, 'the filter is kept in the address')
    const matches = await tableRows(page, 'students-table')
    assert.ok(matches.every((r) => r[STUDENT.name].startsWith(prefix)), JSON.stringify(matches))
    const row = page.locator('[data-testid="students-table"] .el-table__row', { hasText: picked[STUDENT.id] })
    assert.equal(await row.count(), 1, `${picked[STUDENT.name]} (${picked[STUDENT.id]}) is found by "${prefix}"`)

    // The Excel export of the filtered list.
    const [download] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'students-export').click()])
    assert.equal(download.suggestedFilename(), '学生名单.xlsx')

    // The detail page: masked, until revealed after the warning.
    await Promise.all([page.waitForURL(/\/org\/students\/\d+$/), row.getByTestId('student-link').click()])
    const id = Number(new URL(page.url()).pathname.split('/').pop())
    await byTestId(page, 'student-facts').waitFor()
    assert.equal(await textOf(byTestId(page, 'student-name')), picked[STUDENT.name])
    const masked = await textOf(byTestId(page, 'student-id-number'))
    assert.match(masked, MASKED_ID)
    await byTestId(page, 'guardians-table').locator('.el-table__row').first().waitFor()
    assert.match(await textOf(byTestId(page, 'guardians-table').locator('.el-table__row').first()), /\d{3}\*{4}\d{4}/)

    let revealed = 0
    page.on('request', (r) => r.url().endsWith(`/students/${id}/identity-number`) && revealed++)
    await byTestId(page, 'student-reveal').click()
    const box = page.locator('.el-message-box.reveal-confirm')
    await box.waitFor()
    assert.match(await textOf(box), /操作将被记录/)
    assert.equal(revealed, 0, 'nothing is asked before the confirmation')
    const [res] = await Promise.all([
      page.waitForResponse(isApi(`${API}/students/${id}/identity-number`)),
      box.locator('.el-message-box__btns .el-button--primary').click(),
    ])
    assert.equal(res.status(), 200)
    await byTestId(page, 'student-reveal-note').waitFor()
    const full = await textOf(byTestId(page, 'student-id-number'))
    assert.equal(full.length, 18)
    assert.match(full, FULL_ID)
    assert.equal(full.slice(0, 6) + '*'.repeat(8) + full.slice(14), masked, 'the same number as the masked one')
    await box.waitFor({ state: 'hidden' })
    await shot('student-detail-desktop')
    await byTestId(page, 'student-hide').click()
    assert.equal(await textOf(byTestId(page, 'student-id-number')), masked)
    await close()

    // The county bureau's operation log has the view, by whom and of which student.
    const county = await openPage(browser, DESKTOP, { storageState: as.county })
    await Promise.all([
      county.page.waitForResponse(isApi('/api/v1/audit/logs')),
      county.page.goto(server.url('/system/audit')),
    ])
    await byTestId(county.page, 'audit-action').fill('org:pii:reveal')
    await Promise.all([
      county.page.waitForResponse(isApi('/api/v1/audit/logs')),
      byTestId(county.page, 'audit-search').click(),
    ])
    await county.page.waitForFunction(() => !document.querySelector('[data-testid="audit-table"] .el-loading-mask'))
    const lines = await tableRows(county.page, 'audit-table')
    const line = lines.find((r) => r[3] === '查看完整身份证号' && r[1] === 'demo.school' && r[4].endsWith(`id=${id}`))
    assert.ok(line, `a 查看完整身份证号 line for student ${id}: ${JSON.stringify(lines)}`)
    assert.equal(line[5], '200')
    await county.close()
  })

  test('a student of another school is not found for a school administrator', async () => {
    const schools = (await apiGet(as.county, `${API}/schools`)).items
    const other = schools.find((s) => s.name !== '济宁市任城区实验小学')
    const [stranger] = (await apiGet(as.county, `${API}/students?school_id=${other.id}&page_size=1`)).items
    assert.ok(stranger, `a student of ${other.name}`)
    const path = `${API}/students/${stranger.id}`
    const { page, close } = await openPage(browser, DESKTOP, { storageState: as.school, expected: [['GET', path, 404]] })
    let guardiansAsked = 0
    page.on('request', (r) => r.url().includes(`${path}/guardians`) && guardiansAsked++)
    await page.goto(server.url(`/org/students/${stranger.id}`))
    await byTestId(page, 'not-in-scope').waitFor()
    assert.match(await textOf(byTestId(page, 'not-in-scope')), /找不到该学生，或不在您的管理范围内/)
    assert.equal(await byTestId(page, 'student-facts').count(), 0)
    assert.equal(guardiansAsked, 0)
    await byTestId(page, 'not-in-scope-back').click()
    await page.waitForURL((u) => u.pathname === '/org/students')
    await close()
  })

  test('a new student with a wrong ID check character: the server says so under the ID field; corrected, it is saved', async () => {
    const { page, close } = await openPage(browser, DESKTOP, {
      storageState: as.school,
      expected: [['POST', `${API}/students`, 422]],
    })
    await waitForList(page, `${API}/students`, () => page.goto(server.url('/org/students')))
    const before = await pagerTotal(page, 'students-pager')
    await byTestId(page, 'students-add').click()
    const form = byTestId(page, 'student-form')
    await form.waitFor()
    await chooseOption(page, byTestId(page, 'student-form-class'), '三年级1班')
    await byTestId(page, 'student-form-name').fill('测试新生')
    await byTestId(page, 'student-form-male').click()
    const [good] = await freshIds(['20170305'], [true])
    await byTestId(page, 'student-form-id').fill(breakCheck(good))
    await byTestId(page, 'student-form-number-from-id').click()
    const [refused] = await Promise.all([
      page.waitForResponse(isApi(`${API}/students`, 'POST')),
      byTestId(page, 'form-dialog-submit').click(),
    ])
    assert.equal(refused.status(), 422)
    const error = (await refused.json()).error
    assert.equal(error.field, 'id_number')
    await fieldError(page, 'student-form-id').filter({ hasText: error.message }).waitFor()
    assert.equal(await fieldError(page, 'student-form-name').count(), 0)

    await byTestId(page, 'student-form-id').fill(good)
    await byTestId(page, 'student-form-number-from-id').click()
    const [created] = await Promise.all([
      page.waitForResponse(isApi(`${API}/students`, 'POST')),
      byTestId(page, 'form-dialog-submit').click(),
    ])
    assert.equal(created.status(), 201)
    await form.waitFor({ state: 'hidden' })
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="students-pager"] .el-pagination__total')?.textContent?.includes(String(n)),
      before + 1,
    )
    await close()
  })

  test('roster import: the bad line is named, confirm imports the good rows and the list grows', async () => {
    const { page, close, shot } = await openPage(browser, DESKTOP, { storageState: as.school })
    const before = await studentsTotal(as.school, 1)
    const ids = await freshIds(['20180611', '20180712', '20161203'], [false, true, true])
    const csv = [
      '年级,班级,姓名,性别,身份证号,学籍号,残疾,随迁子女,家庭经济困难,留守儿童,军人子女,双职工,监护人姓名,监护人关系,监护人手机,是否接送人',
      `二年级,1,导入甲,女,${ids[0]},G${ids[0]},否,是,否,否,否,否,张丽,母亲,13800138000,是`,
      `2,1,导入乙,男,${ids[1]},G${ids[1]},,,,,,,,,,`,
      `3,1,导入错,男,${breakCheck(ids[2])},G${ids[2]},,,,,,,,,,`,
      `六年级,2,导入丙,男,${ids[2]},G${ids[2]},否,否,是,否,否,否,,,,`,
    ].join('\r\n')

    await page.goto(server.url('/home'))
    await byTestId(page, 'menu-/org/import').click()
    await page.waitForURL((u) => u.pathname === '/org/import')
    // The school administrator's own school is chosen for them.
    await byTestId(page, 'import-school').locator('.el-select__selected-item', { hasText: '济宁市任城区实验小学' }).waitFor()
    await byTestId(page, 'import-file').setInputFiles({ name: '名册.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    assert.equal(await textOf(byTestId(page, 'import-file-name')), '名册.csv')
    const [uploaded] = await Promise.all([
      page.waitForResponse(isApi(`${API}/schools/1/roster-imports`, 'POST')),
      byTestId(page, 'import-upload').click(),
    ])
    assert.equal(uploaded.status(), 201)
    assert.match(uploaded.request().headers()['content-type'], /^text\/csv/)
    assert.equal(uploaded.request().postDataBuffer().toString(), csv, 'the file is sent as it is, not as a form')
    await byTestId(page, 'import-preview').waitFor()
    assert.equal(await textOf(byTestId(page, 'import-encoding')), 'UTF-8')
    assert.equal(await textOf(byTestId(page, 'import-data-rows')), '4')
    assert.equal(await textOf(byTestId(page, 'import-good-rows')), '3')
    assert.equal(await textOf(byTestId(page, 'import-bad-rows')), '1')
    const problems = await tableRows(page, 'import-problems')
    assert.equal(problems.length, 1)
    assert.equal(problems[0][0], '4', 'the line of the bad row, the header being line 1')
    assert.equal(problems[0][1], '身份证号')
    assert.match(problems[0][2], /校验/)
    assert.equal((await tableRows(page, 'import-sample')).length, 3)
    await shot('import-preview-desktop')

    const confirm = byTestId(page, 'import-confirm')
    assert.equal(await textOf(confirm), '确认导入 3 名学生')
    const [confirmed] = await Promise.all([page.waitForResponse(isApi(`${API}/roster-imports/${(await uploaded.json()).import_id}/confirm`, 'POST')), confirm.click()])
    assert.deepEqual(await confirmed.json(), { students: 3, guardians: 1, classes_created: 1 })
    assert.match(await textOf(byTestId(page, 'import-done')), /已导入 3 名学生、1 位监护人，新建 1 个班级/)
    await waitForList(page, `${API}/students`, () => byTestId(page, 'import-view-students').click())
    assert.equal(new URL(page.url()).searchParams.get('school_id'), '1')
    assert.equal(await pagerTotal(page, 'students-pager'), before + 3)
    await close()
  })

  test('the city bureau browses schools by unit; a county bureau opens one and goes to a class’s students', async () => {
    const city = await openPage(browser, DESKTOP, { storageState: as.city })
    await waitForList(city.page, `${API}/schools`, () => city.page.goto(server.url('/org/schools')))
    // The tree: the city, its county-level units and the functional zones.
    const tree = byTestId(city.page, 'unit-tree')
    assert.match(await textOf(byTestId(city.page, 'unit-370800')), /济宁市/)
    assert.match(await textOf(byTestId(city.page, 'unit-370890')), /济宁高新区\s*功能区/)
    assert.equal(await tree.locator('.el-tree-node').count(), 15)
    assert.equal(await pagerTotal(city.page, 'schools-pager'), 3)
    const yanzhou = await waitForList(city.page, `${API}/schools`, () => byTestId(city.page, 'unit-370812').click())
    assert.equal(new URL(yanzhou.url()).searchParams.get('unit_code'), '370812')
    assert.equal(await pagerTotal(city.page, 'schools-pager'), 0)
    await waitForList(city.page, `${API}/schools`, () => byTestId(city.page, 'unit-370811').click())
    assert.equal(new URL(city.page.url()).searchParams.get('unit_code'), '370811')
    const schools = await tableRows(city.page, 'schools-table')
    assert.equal(schools.length, 3)
    assert.deepEqual(schools.map((r) => r[3]).sort(), ['初中', '小学', '小学'])
    assert.ok(schools.every((r) => /^\d{10}$/.test(r[0]) && r[2] === '任城区'), JSON.stringify(schools))
    assert.ok(schools.every((r) => /^公办\s*(城镇|乡村)$/.test(r[4]) && /^\d–\d 年级$/.test(r[5])), JSON.stringify(schools))
    await city.close('schools-desktop')

    const { page, close } = await openPage(browser, DESKTOP, {
      storageState: as.county,
      expected: [['POST', `${API}/schools`, 422]],
    })
    await waitForList(page, `${API}/schools`, () => page.goto(server.url('/org/schools')))
    // 新建学校 with a school code of the wrong length: the server's word under the code.
    await byTestId(page, 'schools-add').click()
    await byTestId(page, 'school-form-code').fill('12345')
    await chooseOption(page, byTestId(page, 'school-form-unit'), '任城区')
    await byTestId(page, 'school-form-name').fill('任城区测试小学')
    const [refused] = await Promise.all([
      page.waitForResponse(isApi(`${API}/schools`, 'POST')),
      byTestId(page, 'form-dialog-submit').click(),
    ])
    assert.equal((await refused.json()).error.field, 'school_code')
    await fieldError(page, 'school-form-code').waitFor()
    await byTestId(page, 'form-dialog-cancel').click()

    const primary = page.locator('[data-testid="schools-table"] .el-table__row', { hasText: '济宁市任城区实验小学' })
    await Promise.all([page.waitForURL(/\/org\/schools\/\d+$/), primary.click()])
    await byTestId(page, 'classes-table').locator('.el-table__row').first().waitFor()
    const classes = await tableRows(page, 'classes-table')
    assert.ok(classes.length >= 6, JSON.stringify(classes))
    const count = Number(classes[0][2])
    await waitForList(page, `${API}/students`, () => byTestId(page, 'class-students').first().click())
    const url = new URL(page.url())
    assert.equal(url.pathname, '/org/students')
    assert.ok(url.searchParams.get('class_id'))
    assert.equal(await pagerTotal(page, 'students-pager'), count)
    await byTestId(page, 'students-class').locator('.el-select__selected-item', { hasText: classes[0][0] }).waitFor()
    // Back returns to the school.
    await page.goBack()
    await byTestId(page, 'classes-table').waitFor()
    await close()
  })

  test('a teacher reads students but cannot reveal numbers, add students or import rosters', async () => {
    const { page, close } = await openPage(browser, DESKTOP, { storageState: as.teacher })
    await waitForList(page, `${API}/students`, () => page.goto(server.url('/org/students')))
    await byTestId(page, 'menu-/org/students').waitFor()
    assert.equal(await byTestId(page, 'menu-/org/import').count(), 0, 'no import in the menu')
    assert.equal(await byTestId(page, 'students-add').count(), 0)
    assert.equal(await byTestId(page, 'students-import').count(), 0)
    assert.equal(await byTestId(page, 'students-export').count(), 0)
    // The page asks for the guardians after the student: wait for that answer, or leaving below aborts it.
    await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/guardians')),
      page.locator('[data-testid="student-link"]').first().click(),
    ])
    await byTestId(page, 'student-facts').waitFor()
    assert.match(await textOf(byTestId(page, 'student-id-number')), MASKED_ID)
    assert.equal(await byTestId(page, 'student-reveal').count(), 0, 'no reveal button')
    assert.equal(await byTestId(page, 'student-edit').count(), 0)
    await page.goto(server.url('/org/import'))
    await byTestId(page, 'no-permission').waitFor()
    await close()
  })

  test('a parent on a phone sees their child and switches a consent on and off', async () => {
    const [child] = (await apiGet(as.parent, `${API}/children`)).items
    const { page, close, shot } = await openPage(browser, PHONE, { storageState: as.parent })
    await page.goto(server.url('/home'))
    await Promise.all([
      page.waitForResponse(isApi(`${API}/children/${child.id}/consents`)),
      byTestId(page, 'home-children-link').click(),
    ])
    const card = page.locator(`[data-testid="child-card"][data-child="${child.id}"]`)
    await card.waitFor()
    assert.equal(await textOf(card.getByTestId('child-name')), child.name)
    assert.match(await textOf(card.getByTestId('child-id')), MASKED_ID)
    await assertNoOverflow(page, PHONE.width, 'my children')

    const photo = card.getByTestId('consent-photo')
    const toggle = photo.getByTestId('consent-switch')
    const box = await toggle.boundingBox()
    assert.ok(box.height >= 44 && box.width >= 44, `a thumb-sized switch: ${JSON.stringify(box)}`)
    assert.equal(await toggle.locator('input').getAttribute('aria-checked'), 'false')
    const setConsent = isApi(`${API}/children/${child.id}/consents`, 'POST')
    const [on] = await Promise.all([page.waitForResponse(setConsent), toggle.click()])
    assert.equal(on.status(), 200)
    assert.deepEqual(on.request().postDataJSON(), { purpose: 'photo', granted: true, notice_version: '2026-09' })
    await page.waitForFunction(
      () => document.querySelector('[data-testid="consent-photo"] [data-testid="consent-switch"] input')?.getAttribute('aria-checked') === 'true',
    )
    assert.match(await textOf(photo.getByTestId('consent-state')), /已同意（告知书 2026-09 版/)
    await shot('my-children-phone')

    const [off] = await Promise.all([page.waitForResponse(setConsent), toggle.click()])
    assert.deepEqual(off.request().postDataJSON(), { purpose: 'photo', granted: false })
    assert.ok((await off.json()).items.every((c) => c.purpose !== 'photo' || !c.active))
    await page.waitForFunction(
      () => document.querySelector('[data-testid="consent-photo"] [data-testid="consent-switch"] input')?.getAttribute('aria-checked') === 'false',
    )
    assert.match(await textOf(photo.getByTestId('consent-state')), /未同意/)
    await close()

    // On a desktop: the same page; a parent has no organisation menu.
    const desk = await openPage(browser, DESKTOP, { storageState: as.parent })
    await Promise.all([
      desk.page.waitForResponse(isApi(`${API}/children/${child.id}/consents`)),
      desk.page.goto(server.url('/family/children')),
    ])
    await desk.page.locator('[data-testid="child-card"]').waitFor()
    assert.equal(await byTestId(desk.page, 'menu-group-org').count(), 0)
    await assertNoOverflow(desk.page, DESKTOP.width, 'my children')
    await desk.close('my-children-desktop')
  })

  test('phone at 390x844: the organisation pages fit, their tables scroll inside the cards', async () => {
    const county = await openPage(browser, PHONE, { storageState: as.county })
    const { page, close, shot } = await openPage(browser, PHONE, { storageState: as.school })
    const pages = [
      [county, '/org/schools', 'schools-table', 'schools-phone'],
      [county, '/org/students', 'students-table', 'students-phone'],
      [{ page, shot }, '/org/teachers', 'teachers-table', 'teachers-phone'],
    ]
    for (const [{ page, shot }, path, table, name] of pages) {
      await page.goto(server.url(path))
      await byTestId(page, table).locator('.el-table__row').first().waitFor()
      await assertNoOverflow(page, PHONE.width, path)
      const scroller = await page.$eval(`[data-testid="${table}"] .el-table__body-wrapper .el-scrollbar__wrap`, (el) => ({
        scroll: el.scrollWidth,
        client: el.clientWidth,
        right: el.getBoundingClientRect().right,
      }))
      assert.ok(scroller.right <= PHONE.width, `${path}: the table stays on screen: ${JSON.stringify(scroller)}`)
      await shot(name)
    }
    await county.close()
    await page.goto(server.url('/org/students'))
    await page.locator('[data-testid="student-link"]').first().click()
    await byTestId(page, 'student-facts').waitFor()
    await byTestId(page, 'guardians-table').locator('.el-table__row').first().waitFor()
    await assertNoOverflow(page, PHONE.width, 'student detail')
    await shot('student-detail-phone')

    // An import preview (nothing confirmed): a file whose only row is bad.
    await page.goto(server.url('/org/import'))
    await byTestId(page, 'import-school').locator('.el-select__selected-item', { hasText: '实验小学' }).waitFor()
    const bad = breakCheck(makeId('20150101', 5, true))
    const csv = `年级,班级,姓名,性别,身份证号,学籍号\n3,1,错号,男,${bad},G${bad}\n`
    await byTestId(page, 'import-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await byTestId(page, 'import-upload').click()
    await byTestId(page, 'import-preview').waitFor()
    assert.equal(await textOf(byTestId(page, 'import-problems').locator('[data-testid="problem-line"]').first()), '2')
    assert.equal(await byTestId(page, 'import-confirm').isDisabled(), true, 'nothing to import')
    await assertNoOverflow(page, PHONE.width, 'import preview')
    await shot('import-preview-phone')
    await close()
  })
})

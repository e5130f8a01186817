// Browser end-to-end test of after-school services (课后服务): a parent ranks wishes on a phone in a
// lottery window, the school runs the published lottery on a desktop, and the parent sees the result
// wish by wish with its reason; a first-come window with a lost request retried under the same
// idempotency key, a full section's waitlist and a drop; around it the school's catalogue, windows and
// service-week pages and the county's fee standards. Against the real kehou binary with the tiny demo city
// (`kehou seed --scale tiny`). Run from the repository root:
//   (cd web && npm ci && npm run build) && node --test tests/e2e/afterschool.test.mjs
// Env: see harness.mjs. Set-up goes through the API as demo.county and demo.school; 3 log-ins.
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

const API = '/api/v1/afterschool'
// Semesters the demo seed leaves empty: it may already run a 2027-spring lottery window for the demo
// school, and two windows of one school and semester may not overlap in time.
const SEMESTER = '2027-autumn'
const FIRST_COME_SEMESTER = '2026-spring'
/** How long the lottery window stays open: long enough for the parent's part, short for the test. */
const WINDOW_SECONDS = 25

let server
let browser
/** Storage states of the demo accounts, signed in once. */
const as = {}
/** What the set-up made: the child, the school, the courses (by title) and the window. */
const fixture = {}

/** An instant `ms` from now as RFC 3339 Beijing time (+08:00), whatever the test machine's zone. */
function beijing(ms = 0) {
  return `${new Date(Date.now() + ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`
}

/** A JSON API call with a signed-in storage state (writes carry the CSRF header); resolves to the body. */
async function api(state, method, path, body, expectStatus) {
  const ctx = await browser.newContext({ storageState: state })
  try {
    const csrf = state.cookies.find((c) => c.name === 'kehou_csrf')?.value ?? ''
    const res = await ctx.request.fetch(server.url(path), {
      method,
      data: body,
      headers: method === 'GET' ? {} : { 'X-CSRF-Token': csrf },
    })
    const text = await res.text()
    if (expectStatus) assert.equal(res.status(), expectStatus, `${method} ${path}: ${text}`)
    else assert.ok(res.ok(), `${method} ${path}: ${res.status()} ${text}`)
    return text ? JSON.parse(text) : null
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

/** The four courses the school publishes, on different days so no two clash. */
function courseInputs(schoolId, grade, teacherId, semester = SEMESTER) {
  const course = (title, category, weekday, start, end, capacity, fee) => ({
    school_id: schoolId,
    semester,
    title,
    category,
    description: `${title}，面向 ${grade} 年级`,
    venue: '操场',
    grade_from: grade,
    grade_to: grade,
    instructor_kind: 'own_teacher',
    teacher_id: teacherId,
    fee_per_hour_fen: fee,
    capacity,
    weeks: 16,
    sections: [[{ weekday, start, end }]],
  })
  return [
    course('趣味足球', 'sport', 1, '15:40', '16:30', 20, 300),
    course('国画入门', 'art', 2, '15:40', '16:30', 15, 250),
    course('机器人编程', 'stem', 3, '15:40', '16:30', 12, 350),
    course('经典诵读', 'reading', 4, '15:40', '16:30', 30, 0),
  ]
}

describe('after-school services', { timeout: 240_000 }, () => {
  before(async () => {
    server = await startServer([], { seed: 'tiny' })
    browser = await launchBrowser()
    for (const who of ['county', 'school', 'parent']) as[who] = await signIn(browser, server, `demo.${who}`, DEMO_PASSWORD)

    const [child] = (await api(as.parent, 'GET', '/api/v1/org/children')).items
    const school = await api(as.school, 'GET', `/api/v1/org/schools/${child.school_id}`)
    fixture.child = child
    fixture.school = school

    // The county's fee standards, the school's service week, four courses for the child's grade.
    for (const semester of [SEMESTER, FIRST_COME_SEMESTER])
      await api(as.county, 'PUT', `${API}/fee-standards/${school.unit_code}/${semester}`, {
        rural_per_hour_fen: 300,
        urban_per_hour_fen: 350,
        local_off_work: '17:00',
        end_offset_minutes: 30,
      })
    const days = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, lessons_end: '15:30', batch_ends: ['16:30', '17:30'] }))
    await api(as.school, 'PUT', `${API}/schools/${school.id}/service-week/${SEMESTER}`, { days })
    const teachers = (await api(as.school, 'GET', `/api/v1/org/teachers?school_id=${school.id}&page_size=50`)).items
    const teacher = teachers.find((t) => !t.retired)
    assert.ok(teacher, 'a serving teacher at the school')
    fixture.teacher = teacher
    fixture.courses = {}
    for (const input of courseInputs(school.id, child.grade, teacher.id)) {
      const c = await api(as.school, 'POST', `${API}/courses`, input, 201)
      fixture.courses[c.title] = c
    }

    // The guardian accepts the after-school notice (RULES R4.2); selection needs it.
    const consents = await api(as.parent, 'POST', `/api/v1/org/children/${child.id}/consents`, {
      purpose: 'afterschool',
      granted: true,
      notice_version: '2026-09',
    })
    assert.ok(consents.items.some((c) => c.purpose === 'afterschool' && c.active))
  })

  after(async () => {
    await browser?.close()
    await stopServer(server)
  })

  test('a parent ranks three wishes on a phone; the school runs the lottery; the parent sees each result with its reason', async () => {
    const { child, school, courses } = fixture
    // A lottery window of the school, open now, closing in WINDOW_SECONDS.
    const window = await api(
      as.school,
      'POST',
      `${API}/windows`,
      {
        school_id: school.id,
        semester: SEMESTER,
        title: '2027 年秋季课后服务志愿填报',
        mode: 'lottery',
        opens_at: beijing(-1000),
        closes_at: beijing(WINDOW_SECONDS * 1000),
        max_wishes: 3,
        course_limit: 2,
      },
      201,
    )
    assert.equal(window.phase, 'open')
    assert.match(window.seed_commitment, /^[0-9a-f]{64}$/)
    assert.equal(window.seed, null, 'the seed stays secret while the window is open')
    const closesAt = Date.parse(window.closes_at)

    // --- The parent, on a phone.
    const parent = await openPage(browser, PHONE, { storageState: as.parent })
    const offerPath = `${API}/children/${child.id}/offer`
    await Promise.all([
      parent.page.waitForResponse(isApi(offerPath)),
      parent.page.goto(server.url(`/family/afterschool?semester=${SEMESTER}`)),
    ])
    const { page } = parent
    const banner = byTestId(page, 'window-banner')
    await banner.waitFor()
    assert.equal(await banner.getAttribute('data-mode'), 'lottery')
    assert.equal(await byTestId(page, 'window-phase').first().getAttribute('data-phase'), 'open')
    assert.match(await textOf(byTestId(page, 'window-mode')), /志愿\+摇号/)
    assert.equal(await textOf(byTestId(page, 'window-commitment').locator('code')), window.seed_commitment)
    assert.equal(new URL(page.url()).searchParams.get('semester'), SEMESTER)
    assert.equal(await byTestId(page, 'consent-notice').count(), 0, 'consent given: no notice')

    const cards = byTestId(page, 'course-card')
    assert.equal(await cards.count(), 4)
    const card = (title) => page.locator('[data-testid="course-card"]', { has: page.getByTestId('course-title').getByText(title, { exact: true }) })
    assert.match(await textOf(card('机器人编程').getByTestId('course-fee')), /^3\.50 元\/课时$/)
    assert.match(await textOf(card('经典诵读').getByTestId('course-fee')), /^0\.00 元\/课时$/)
    assert.match(await textOf(card('国画入门').getByTestId('section-seats')), /余 15 \/ 共 15 个名额/)
    assert.match(await textOf(card('趣味足球')), /周一 15:40–16:30/)

    // Three wishes: 机器人编程, 趣味足球, 国画入门 — then 国画入门 moved up to second place.
    for (const title of ['机器人编程', '趣味足球', '国画入门']) await card(title).getByTestId('section-wish').click()
    assert.ok(await card('经典诵读').getByTestId('section-wish').isDisabled(), 'no fourth wish: max_wishes is 3')
    await byTestId(page, 'wish-item').nth(2).getByTestId('wish-up').click()
    const ranked = ['机器人编程', '国画入门', '趣味足球']
    assert.deepEqual(await byTestId(page, 'wish-title').allInnerTexts(), ranked)
    await byTestId(page, 'wish-unsaved').waitFor()
    await assertNoOverflow(page, PHONE.width, 'family after-school page')
    await page.evaluate(() => window.scrollTo(0, 0))
    await parent.shot('afterschool-wishes-phone')

    const wishesPath = `${API}/children/${child.id}/wishes/${window.id}`
    const [saved] = await Promise.all([page.waitForResponse(isApi(wishesPath, 'PUT')), byTestId(page, 'wish-submit').click()])
    assert.equal(saved.status(), 200)
    const expectedIds = ranked.map((t) => courses[t].sections[0].id)
    assert.deepEqual(saved.request().postDataJSON(), { section_ids: expectedIds })
    await byTestId(page, 'wish-saved').waitFor()
    const offer = await api(as.parent, 'GET', `${offerPath}?semester=${SEMESTER}`)
    assert.deepEqual(offer.wishes.find((w) => w.window_id === window.id).section_ids, expectedIds, 'the server holds the order')

    // The dismissal tab keeps child and semester; Monday's second batch is chosen and saved.
    await byTestId(page, 'tab-dismissal').click()
    await page.waitForURL((u) => u.pathname === '/family/afterschool/dismissal')
    const monday = page.locator('[data-testid="dismissal-day"][data-weekday="1"]')
    await monday.waitFor()
    assert.equal(await byTestId(page, 'dismissal-day').count(), 5)
    const [chosen] = await Promise.all([
      page.waitForResponse(isApi(`${API}/children/${child.id}/dismissal/1`, 'PUT')),
      monday.getByTestId('dismissal-batch').nth(1).click(),
    ])
    assert.deepEqual(chosen.request().postDataJSON(), { semester: SEMESTER, batch_no: 2 })
    assert.equal((await chosen.json()).chosen.find((c) => c.weekday === 1).batch_no, 2)
    await monday.getByTestId('dismissal-unset').waitFor({ state: 'detached' })
    await assertNoOverflow(page, PHONE.width, 'dismissal page')
    await page.evaluate(() => window.scrollTo(0, 0))
    await parent.close('afterschool-dismissal-phone')

    // --- The school, on a desktop, after the close: runs the lottery from the windows page.
    const wait = closesAt - Date.now() + 1500
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    const admin = await openPage(browser, DESKTOP, { storageState: as.school })
    await Promise.all([admin.page.waitForResponse(isApi(`${API}/windows`)), admin.page.goto(server.url('/afterschool/windows'))])
    const ap = admin.page
    assert.match(await textOf(byTestId(ap, 'menu-group-afterschool').locator('.el-sub-menu__title')), /课后服务/)
    const row = ap.locator('[data-testid="windows-table"] .el-table__row', { hasText: window.title })
    await row.waitFor()
    assert.equal(await row.getByTestId('window-phase').getAttribute('data-phase'), 'closed')
    await row.getByTestId('window-allocate').click()
    const box = ap.locator('.el-message-box.allocate-confirm')
    await box.waitFor()
    assert.match(await textOf(box), /公开种子/)
    const [run] = await Promise.all([
      ap.waitForResponse(isApi(`${API}/windows/${window.id}/allocate`, 'POST')),
      box.locator('.el-message-box__btns .el-button--primary').click(),
    ])
    assert.equal(run.status(), 200)
    const allocated = await run.json()
    assert.equal(allocated.phase, 'allocated')
    assert.match(allocated.seed, /^[0-9a-f]{64}$/)

    const drawer = byTestId(ap, 'allocation-drawer')
    await drawer.getByTestId('allocation-table').locator('.el-table__row').first().waitFor()
    assert.equal(await textOf(drawer.getByTestId('allocation-seed')), allocated.seed, 'the revealed seed is shown')
    const lines = await tableRows(ap, 'allocation-table')
    assert.equal(lines.length, 3, JSON.stringify(lines))
    assert.deepEqual(
      lines.map((l) => [l[0], l[1], l[2].split('\n')[0]]),
      ranked.map((title, i) => [child.name, String(i + 1), title]),
    )
    // Course limit 2: the first two wishes are assigned, the third is refused for the limit.
    assert.deepEqual(
      lines.map((l) => l[3]),
      ['已录取', '已录取', '已达课程上限'],
    )
    for (const l of lines) assert.match(l[4], /^第\d志愿：.+/, `a reason for each wish: ${l[4]}`)
    assert.match(await textOf(drawer.getByTestId('allocation-summary')), /共 3 个志愿，录取 2 个/)
    await admin.shot('afterschool-allocation-desktop')

    // The inputs as run download as a text file anyone can verify with `kehou allocate --verify`.
    const [download] = await Promise.all([ap.waitForEvent('download'), drawer.getByTestId('allocation-inputs').click()])
    const inputs = await (await download.createReadStream()).toArray()
    assert.match(Buffer.concat(inputs).toString(), new RegExp(`context afterschool-window-${window.id}`))
    await ap.keyboard.press('Escape')
    await drawer.waitFor({ state: 'hidden' })
    assert.equal(await row.getByTestId('window-phase').getAttribute('data-phase'), 'allocated')
    await admin.close('afterschool-windows-desktop')

    // --- The parent reloads: the result wish by wish, with the server's reason; the seats that came of it.
    const again = await openPage(browser, PHONE, { storageState: as.parent })
    await Promise.all([
      again.page.waitForResponse(isApi(`${API}/children/${child.id}/results/${window.id}`)),
      again.page.goto(server.url(`/family/afterschool?semester=${SEMESTER}`)),
    ])
    const rp = again.page
    await byTestId(rp, 'lottery-result').waitFor()
    assert.equal(await byTestId(rp, 'window-phase').first().getAttribute('data-phase'), 'allocated')
    assert.equal(await textOf(byTestId(rp, 'window-seed').locator('code')), allocated.seed)
    const results = byTestId(rp, 'result-line')
    assert.equal(await results.count(), 3)
    assert.deepEqual(await byTestId(rp, 'result-course').allInnerTexts(), ranked)
    assert.deepEqual(
      await results.evaluateAll((els) => els.map((e) => e.dataset.outcome)),
      ['assigned', 'assigned', 'limit_reached'],
    )
    const reasons = await byTestId(rp, 'result-reason').allInnerTexts()
    reasons.forEach((r, i) => assert.match(r, new RegExp(`^第${i + 1}志愿：`), `reason of wish ${i + 1}: ${r}`))
    assert.match(reasons[0], /已录取/)
    const seats = byTestId(rp, 'my-seat')
    assert.equal(await seats.count(), 2)
    assert.deepEqual((await seats.allInnerTexts()).map((s) => s.split('\n')[0]).sort(), [ranked[0], ranked[1]].sort())
    await assertNoOverflow(rp, PHONE.width, 'family result page')
    await rp.evaluate(() => window.scrollTo(0, 0))
    await again.close('afterschool-result-phone')
  })

  test('first come on a phone: a lost request is retried with the same key, a full section offers its waitlist, a drop frees the seat', async () => {
    const { child, school, teacher } = fixture
    const made = {}
    for (const [title, category, weekday, capacity] of [
      ['篮球训练', 'sport', 5, 10],
      ['围棋启蒙', 'traditional_culture', 2, 1],
    ]) {
      const c = await api(
        as.school,
        'POST',
        `${API}/courses`,
        {
          school_id: school.id,
          semester: FIRST_COME_SEMESTER,
          title,
          category,
          venue: '活动室',
          grade_from: school.grade_from,
          grade_to: school.grade_to,
          instructor_kind: 'own_teacher',
          teacher_id: teacher.id,
          fee_per_hour_fen: 200,
          capacity,
          sections: [[{ weekday, start: '15:40', end: '16:30' }]],
        },
        201,
      )
      made[title] = c.sections[0]
    }
    await api(
      as.school,
      'POST',
      `${API}/windows`,
      {
        school_id: school.id,
        semester: FIRST_COME_SEMESTER,
        title: '实时选课（测试）',
        mode: 'first_come',
        opens_at: beijing(-1000),
        closes_at: beijing(86_400_000),
        course_limit: 3,
      },
      201,
    )

    const seatsPath = `${API}/children/${child.id}/seats`
    const { page, close, shot, problems } = await openPage(browser, PHONE, {
      storageState: as.parent,
      expected: [['POST', seatsPath, 409]],
    })
    await Promise.all([
      page.waitForResponse(isApi(`${API}/children/${child.id}/offer`)),
      page.goto(server.url(`/family/afterschool?semester=${FIRST_COME_SEMESTER}`)),
    ])
    assert.equal(await byTestId(page, 'window-banner').getAttribute('data-mode'), 'first_come')
    const card = (title) => page.locator('[data-testid="course-card"]', { has: page.getByTestId('course-title').getByText(title, { exact: true }) })
    const confirmBox = () => page.locator('.el-message-box.as-confirm:visible').last()
    const posted = []
    page.on('request', (r) => r.method() === 'POST' && new URL(r.url()).pathname === seatsPath && posted.push(r.postDataJSON()))

    // The first 选课 of 篮球训练 is lost on the way (no answer); pressing again resends the same key.
    await page.route(server.url(seatsPath), (route) => route.abort('failed'), { times: 1 })
    await card('篮球训练').getByTestId('section-select').click()
    await confirmBox().locator('.el-button--primary').click()
    await page.locator('.el-message--error', { hasText: '不会重复选课' }).waitFor()
    await card('篮球训练').getByTestId('section-select').click()
    const [taken] = await Promise.all([
      page.waitForResponse(isApi(seatsPath, 'POST')),
      confirmBox().locator('.el-button--primary').click(),
    ])
    assert.equal(taken.status(), 201)
    assert.equal(posted.length, 2)
    assert.match(posted[0].idempotency_key, /^[0-9a-f-]{36}$/)
    assert.equal(posted[1].idempotency_key, posted[0].idempotency_key, 'the retry carries the same key')
    assert.deepEqual({ ...posted[1], idempotency_key: '' }, { section_id: made['篮球训练'].id, idempotency_key: '', join_waitlist: false })
    // The lost request is the one this test provoked.
    for (let i = problems.length - 1; i >= 0; i--) if (/ERR_FAILED|request failed: POST/.test(problems[i])) problems.splice(i, 1)
    await page.locator('[data-testid="my-seat"][data-status="confirmed"]', { hasText: '篮球训练' }).waitFor()

    // Meanwhile the school gives 围棋启蒙's only place to another pupil: the page still shows one left.
    const others = (await api(as.school, 'GET', `/api/v1/org/students?school_id=${school.id}&page_size=20`)).items
    const other = others.find((x) => x.id !== child.id)
    await api(as.school, 'POST', `${API}/sections/${made['围棋启蒙'].id}/seats`, { student_id: other.id, joined_on: '2026-03-02' }, 201)
    assert.match(await textOf(card('围棋启蒙').getByTestId('section-seats')), /余 1 \/ 共 1/)
    await card('围棋启蒙').getByTestId('section-select').click()
    const [full] = await Promise.all([
      page.waitForResponse(isApi(seatsPath, 'POST')),
      confirmBox().locator('.el-button--primary').click(),
    ])
    assert.equal(full.status(), 409)
    assert.equal((await full.json()).error.code, 'afterschool.section_full')
    const offerBox = confirmBox()
    await offerBox.getByText('是否排队候补').waitFor()
    const [queued] = await Promise.all([
      page.waitForResponse(isApi(seatsPath, 'POST')),
      offerBox.locator('.el-button--primary', { hasText: '排队候补' }).click(),
    ])
    assert.equal(queued.status(), 202)
    const waitKey = queued.request().postDataJSON()
    assert.equal(waitKey.join_waitlist, true)
    assert.notEqual(waitKey.idempotency_key, posted[0].idempotency_key, 'another intent, another key')
    const waiting = page.locator('[data-testid="my-seat"][data-status="waitlisted"]', { hasText: '围棋启蒙' })
    await waiting.waitFor()
    // The place in line, not the ticket (which counts every place given out in the section).
    const answer = await queued.json()
    assert.equal(answer.waitlist_position, 1, 'first in line')
    assert.equal(await textOf(waiting.getByTestId('seat-status')), `候补第 ${answer.waitlist_position} 位`)
    await assertNoOverflow(page, PHONE.width, 'first-come page')
    await page.evaluate(() => window.scrollTo(0, 0))
    await shot('afterschool-first-come-phone')

    // 退课 of 篮球训练, then choosing it again: a new intent with a new key.
    const held = page.locator('[data-testid="my-seat"][data-status="confirmed"]', { hasText: '篮球训练' })
    await held.getByTestId('seat-drop').click()
    const [dropped] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'DELETE' && new URL(r.url()).pathname.startsWith(`${seatsPath}/`)),
      confirmBox().locator('.el-button--primary').click(),
    ])
    assert.equal(dropped.status(), 200)
    assert.equal((await dropped.json()).status, 'dropped')
    await held.waitFor({ state: 'detached' })
    await card('篮球训练').getByTestId('section-select').click()
    const [again] = await Promise.all([
      page.waitForResponse(isApi(seatsPath, 'POST')),
      confirmBox().locator('.el-button--primary').click(),
    ])
    assert.equal(again.status(), 201)
    assert.notEqual(again.request().postDataJSON().idempotency_key, posted[0].idempotency_key)
    await held.waitFor()
    await close()
  })

  test('the school sees its catalogue with the lottery seats and its service week; the county its fee standards', async () => {
    const { school } = fixture
    const { page, close, shot } = await openPage(browser, DESKTOP, { storageState: as.school })
    await Promise.all([
      page.waitForResponse(isApi(`${API}/schools/${school.id}/courses`)),
      page.goto(server.url(`/afterschool/courses?semester=${SEMESTER}`)),
    ])
    await byTestId(page, 'courses-table').locator('.el-table__row').first().waitFor()
    const rows = await tableRows(page, 'courses-table')
    assert.equal(rows.length, 4, JSON.stringify(rows))
    const robot = rows.find((r) => r[0].startsWith('机器人编程'))
    assert.ok(robot, 'the course is listed')
    assert.equal(robot[4], '3.50')
    assert.match(robot[5], /周三 15:40–16:30\s*已选 1\/12/, 'the lottery seat is counted')
    assert.match(await textOf(byTestId(page, 'courses-cap')), /3\.50 元/)
    await shot('afterschool-courses-desktop')

    // The roster of the section the child won.
    await page.locator('[data-testid="courses-table"] .el-table__row', { hasText: '机器人编程' }).getByTestId('section-roster').click()
    const drawer = byTestId(page, 'section-drawer')
    await drawer.getByTestId('roster-table').locator('.el-table__row').first().waitFor()
    assert.match(await textOf(drawer.getByTestId('roster-table').locator('.el-table__row').first()), new RegExp(`${fixture.child.name}.*已选上.*摇号`, 's'))
    await shot('afterschool-roster-desktop')
    await page.keyboard.press('Escape')
    await drawer.waitFor({ state: 'hidden' })

    await Promise.all([
      page.waitForResponse(isApi(`${API}/schools/${school.id}/service-week/${SEMESTER}`)),
      page.goto(server.url(`/afterschool/service-week?semester=${SEMESTER}`)),
    ])
    await byTestId(page, 'week-day').first().waitFor()
    assert.equal(await byTestId(page, 'week-day').count(), 5)
    assert.match(await textOf(byTestId(page, 'week-earliest')), /不得早于 17:30/)
    await close('afterschool-service-week-desktop')

    // The county: its own standard for 2027-spring; the city has none (a 404 the page expects).
    const county = await openPage(browser, DESKTOP, {
      storageState: as.county,
      expected: [['GET', `${API}/fee-standards/370800/${SEMESTER}`, 404]],
    })
    await Promise.all([
      county.page.waitForResponse(isApi(`${API}/fee-standards`)),
      county.page.goto(server.url(`/afterschool/fee-standards?semester=${SEMESTER}`)),
    ])
    await byTestId(county.page, 'fee-table').locator('.el-table__row').nth(1).waitFor()
    const fees = await tableRows(county.page, 'fee-table')
    const own = fees.find((r) => r[0].startsWith('任城区'))
    assert.ok(own, JSON.stringify(fees))
    assert.match(own[0], /已发布/)
    assert.deepEqual([own[1], own[2]], ['3.50', '3.00'])
    assert.match(own[4], /最晚一批不早于 17:30/)
    await county.close('afterschool-fee-standards-desktop')
  })
})

// Browser end-to-end test of running after-school service day to day (课后服务日常): the school takes the
// roll on a desktop with a child absent; the child's parent, on a phone, finds the absence in the notice
// bell, asks for leave on a later day, shows today's pickup code, reads the fee statement and rates a
// course; the school confirms the pickup with that code; the fee list follows the roll; the county's
// statistics page shows the rates, the chart and the table, and exports the workbook. Against the real
// kehou binary with the tiny demo city (`kehou seed --scale tiny`). Run from the repository root:
//   (cd web && npm ci && npm run build) && node --test tests/e2e/afterschool_ops.test.mjs
// Env: see harness.mjs. Set-up goes through the API as demo.county, demo.school and demo.parent; 3 log-ins.
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

const API = '/api/v1/afterschool'
const DAY = 86_400_000

let server
let browser
/** Storage states of the demo accounts, signed in once. */
const as = {}
/** What the set-up found or made: the child, its school, the section and day of the roll. */
const fx = {}

/** Hours charged per child for one course in a school's fee list. */
function courseHours(fees, title) {
  const out = new Map()
  for (const c of fees.children) for (const l of c.lines) if (l.course_title === title) out.set(c.student_id, l.hours)
  return out
}

/** A Beijing calendar day `days` from today, YYYY-MM-DD, whatever the test machine's zone. */
function beijingDate(days = 0) {
  return new Date(Date.now() + days * DAY + 8 * 3_600_000).toISOString().slice(0, 10)
}

/** ISO weekday (1 = Monday … 7) of a YYYY-MM-DD date. */
function weekdayOf(date) {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay()
  return d === 0 ? 7 : d
}

/** The semester a date falls in, as the web app reckons it (August–January autumn). */
function semesterOf(date) {
  const [year, month] = date.split('-').map(Number)
  if (month === 1) return `${year - 1}-autumn`
  return month >= 8 ? `${year}-autumn` : `${year}-spring`
}

/** A JSON API call with a signed-in storage state (writes carry the CSRF header); resolves to [status, body]. */
async function call(state, method, path, body) {
  const ctx = await browser.newContext({ storageState: state })
  try {
    const csrf = state.cookies.find((c) => c.name === 'kehou_csrf')?.value ?? ''
    const res = await ctx.request.fetch(server.url(path), {
      method,
      data: body,
      headers: method === 'GET' ? {} : { 'X-CSRF-Token': csrf },
    })
    const text = await res.text()
    return [res.status(), text ? JSON.parse(text) : null]
  } finally {
    await ctx.close()
  }
}

/** The same, asserting success. */
async function api(state, method, path, body) {
  const [status, json] = await call(state, method, path, body)
  assert.ok(status >= 200 && status < 300, `${method} ${path}: ${status} ${JSON.stringify(json)}`)
  return json
}

const isApi = (path, method = 'GET') => (r) => new URL(r.url()).pathname === path && r.request().method() === method

/** Rows of an Element Plus table as arrays of cell texts. */
function tableRows(page, testId) {
  return page.$$eval(`[data-testid="${testId}"] .el-table__body-wrapper tr.el-table__row`, (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())),
  )
}

describe('running after-school service', { timeout: 240_000 }, () => {
  before(async () => {
    server = await startServer([], { seed: 'tiny' })
    browser = await launchBrowser()
    for (const who of ['county', 'school', 'parent']) as[who] = await signIn(browser, server, `demo.${who}`, DEMO_PASSWORD)

    const [child] = (await api(as.parent, 'GET', '/api/v1/org/children')).items
    const school = await api(as.school, 'GET', `/api/v1/org/schools/${child.school_id}`)
    Object.assign(fx, { child, school })
    fx.semester = semesterOf(beijingDate())
    // The county's fee standard for the semester (the demo seed may have published one already).
    const [standing] = await call(as.county, 'GET', `${API}/fee-standards/${school.unit_code}/${fx.semester}`)
    if (standing !== 200)
      await api(as.county, 'PUT', `${API}/fee-standards/${school.unit_code}/${fx.semester}`, {
        rural_per_hour_fen: 300,
        urban_per_hour_fen: 350,
        local_off_work: '17:00',
      })

    // The guardian's afterschool consent (RULES R4.2).
    const consents = (await api(as.parent, 'GET', `/api/v1/org/children/${child.id}/consents`)).items
    if (!consents.some((c) => c.purpose === 'afterschool' && c.active))
      await api(as.parent, 'POST', `/api/v1/org/children/${child.id}/consents`, {
        purpose: 'afterschool',
        granted: true,
        notice_version: '2026-09',
      })

    // The roll: the latest school day (today or up to six days back) on which a section the child holds
    // a seat in meets and whose roll nobody has taken yet (the seed records the demo county's past
    // sessions, so on a weekend the last school day's roll is already taken); without one, a new course
    // meeting on the latest weekday, which the school joins the child to mid-term (after it leaves a
    // seat, should the child be at the course limit).
    const courses = (await api(as.school, 'GET', `${API}/schools/${school.id}/courses?semester=${fx.semester}`)).items
    const offer = await api(as.parent, 'GET', `${API}/children/${child.id}/offer?semester=${fx.semester}`)
    const seats = offer.seats.filter((s) => s.status === 'confirmed')
    const held = new Set(seats.map((s) => s.section_id))
    for (let back = 0; back < 7 && !fx.section; back += 1) {
      const date = beijingDate(-back)
      const weekday = weekdayOf(date)
      if (weekday > 5 || semesterOf(date) !== fx.semester) continue
      for (const c of courses)
        for (const s of c.sections)
          if (!fx.section && held.has(s.id) && s.slots.some((x) => x.weekday === weekday) &&
              !(await api(as.school, 'GET', `${API}/sections/${s.id}/roll/${date}`)).recorded) {
            fx.section = { ...s, title: c.title }
            fx.rollDate = date
          }
    }
    if (!fx.section) {
      let back = 0
      while (weekdayOf(beijingDate(-back)) > 5) back += 1
      fx.rollDate = beijingDate(-back)
      const teachers = (await api(as.school, 'GET', `/api/v1/org/teachers?school_id=${school.id}&page_size=50`)).items
      const course = await api(as.school, 'POST', `${API}/courses`, {
        school_id: school.id,
        semester: fx.semester,
        title: '测试点名课',
        category: 'reading',
        venue: '图书室',
        grade_from: child.grade,
        grade_to: child.grade,
        instructor_kind: 'own_teacher',
        teacher_id: teachers.find((t) => !t.retired).id,
        fee_per_hour_fen: 200,
        capacity: 30,
        sections: [[{ weekday: weekdayOf(fx.rollDate), start: '18:10', end: '18:50' }]],
      })
      const joinedOn = beijingDate(-back - 7)
      const join = () => call(as.school, 'POST', `${API}/sections/${course.sections[0].id}/seats`, { student_id: child.id, joined_on: joinedOn })
      let [status, answer] = await join()
      if (status === 409 && answer.error.code === 'afterschool.course_limit' && seats.length) {
        await api(as.school, 'POST', `${API}/seats/${seats[0].id}/leave`, { left_on: joinedOn })
        ;[status, answer] = await join()
      }
      assert.equal(status, 201, JSON.stringify(answer))
      fx.section = { ...course.sections[0], title: course.title }
    }

    // A service week (the seed has one) and the first dismissal batch every weekday for the child, so it
    // is on today's pickup list.
    const plan = await api(as.parent, 'GET', `${API}/children/${child.id}/dismissal?semester=${fx.semester}`)
    if (plan.week.days.length === 0) {
      const days = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, lessons_end: '15:30', batch_ends: ['17:30', '18:00'] }))
      await api(as.school, 'PUT', `${API}/schools/${school.id}/service-week/${fx.semester}`, { days })
    }
    for (const d of [1, 2, 3, 4, 5])
      await api(as.parent, 'PUT', `${API}/children/${child.id}/dismissal/${d}`, { semester: fx.semester, batch_no: 1 })
  })

  after(async () => {
    await browser?.close()
    await stopServer(server)
  })

  test('the school takes the roll on a desktop with the child absent; the roll page also fits a phone', async () => {
    const { child, section, rollDate } = fx
    const admin = await openPage(browser, DESKTOP, { storageState: as.school })
    const { page } = admin
    const path = `/afterschool/roll${rollDate === beijingDate() ? '' : `?date=${rollDate}`}`
    await page.goto(server.url(path))
    assert.match(await textOf(byTestId(page, 'menu-group-afterschool').locator('.el-sub-menu__title')), /课后服务/)
    await byTestId(page, 'menu-/afterschool/roll').waitFor()
    const rollPath = `${API}/sections/${section.id}/roll/${rollDate}`
    await Promise.all([page.waitForResponse(isApi(rollPath)), chooseOption(page, byTestId(page, 'roll-section'), section.title)])
    assert.equal(new URL(page.url()).searchParams.get('section'), String(section.id), 'the section is kept in the address')
    await byTestId(page, 'roll-title').waitFor()
    assert.equal(await textOf(byTestId(page, 'roll-title')), section.title)
    assert.equal(await byTestId(page, 'roll-recorded').getAttribute('data-recorded'), 'false')
    const rows = byTestId(page, 'roll-row')
    const count = await rows.count()
    assert.ok(count >= 1, 'children on the roll')
    assert.ok(await byTestId(page, 'roll-save').isDisabled(), 'nothing saved before every child is marked')

    const mine = page.locator(`[data-testid="roll-row"][data-student="${child.id}"]`)
    assert.equal(await textOf(mine.getByTestId('roll-name')), child.name)
    await mine.locator('.el-segmented__item', { hasText: '缺勤' }).click()
    assert.equal(await mine.getAttribute('data-status'), 'absent')
    // Everyone else present (a fresh section may hold the child alone).
    if (count > 1) await byTestId(page, 'roll-rest-present').click()
    assert.match(await textOf(byTestId(page, 'roll-counts')), new RegExp(`出勤 ${count - 1}\\s*缺勤 1\\s*请假 0\\s*未点 0`))
    await admin.shot('ops-roll-marked-desktop')

    // The course's charged hours per child before this roll (the seeded term so far may already hold sessions).
    fx.hoursBefore = courseHours(await api(as.school, 'GET', `${API}/schools/${fx.school.id}/fees?semester=${fx.semester}`), fx.section.title)
    const [saved] = await Promise.all([page.waitForResponse(isApi(rollPath, 'PUT')), byTestId(page, 'roll-save').click()])
    assert.equal(saved.status(), 200)
    const sent = saved.request().postDataJSON().entries
    assert.equal(sent.length, count)
    assert.deepEqual(sent.find((e) => e.student_id === child.id), { student_id: child.id, status: 'absent' })
    await page.locator('.el-message--success', { hasText: '已通知 1 名缺勤学生的家长' }).waitFor()
    await page.locator('[data-testid="roll-recorded"][data-recorded="true"]').waitFor()
    const stored = await api(as.school, 'GET', rollPath)
    assert.equal(stored.recorded, true)
    fx.present = stored.entries.filter((e) => e.status === 'present').map((e) => e.student_id).sort((a, b) => a - b)
    assert.equal(stored.entries.find((e) => e.student_id === child.id).status, 'absent')
    await admin.close('ops-roll-saved-desktop')

    // The same roll on a phone: one column, nothing wider than the screen.
    const phone = await openPage(browser, PHONE, { storageState: as.school })
    await Promise.all([
      phone.page.waitForResponse(isApi(rollPath)),
      phone.page.goto(server.url(`/afterschool/roll?section=${section.id}&date=${rollDate}`)),
    ])
    await phone.page.locator(`[data-testid="roll-row"][data-student="${child.id}"][data-status="absent"]`).waitFor()
    await assertNoOverflow(phone.page, PHONE.width, 'roll page')
    await phone.close('ops-roll-phone')
  })

  test('the parent, on a phone, reads the absence in the bell, asks for leave, shows the pickup code, reads the statement and rates a course', async () => {
    const { child } = fx
    const codePath = `${API}/children/${child.id}/pickup-code`
    const parent = await openPage(browser, PHONE, { expected: [['POST', codePath, 403]], storageState: as.parent })
    const { page } = parent
    await Promise.all([page.waitForResponse(isApi('/api/v1/notifications')), page.goto(server.url('/family/service'))])
    await byTestId(page, 'family-service').waitFor()
    assert.match(await textOf(byTestId(page, 'service-who')), new RegExp(child.name))

    // The bell: one unread notice about the absence; a tap marks it read.
    const bell = byTestId(page, 'notice-bell')
    await page.locator('[data-testid="notice-bell"]:not([data-unread="0"])').waitFor()
    const unread = Number(await bell.getAttribute('data-unread'))
    assert.ok(unread >= 1)
    assert.equal(await textOf(byTestId(page, 'notice-count').locator('.el-badge__content')), String(unread))
    await bell.click()
    const notice = page.locator('[data-testid="notice-item"][data-kind="absence"]').first()
    await notice.waitFor()
    assert.equal(await notice.getAttribute('data-read'), 'false')
    const body = await textOf(notice.getByTestId('notice-body'))
    assert.match(body, new RegExp(`${child.name}今天（${fx.rollDate}）未到“${fx.section.title}”`))
    await page.waitForFunction(() => getComputedStyle(document.querySelector('.notice-popper')).opacity === '1')
    await parent.shot('ops-notice-phone')
    const noticeId = (await api(as.parent, 'GET', '/api/v1/notifications')).items.find((n) => n.kind === 'absence').id
    await Promise.all([page.waitForResponse(isApi(`/api/v1/notifications/${noticeId}/read`, 'POST')), notice.click()])
    assert.equal(await notice.getAttribute('data-read'), 'true')
    assert.equal(await bell.getAttribute('data-unread'), String(unread - 1))
    await page.keyboard.press('Escape')
    await page.locator('.notice-popper').waitFor({ state: 'hidden' })

    // 请假: two days from now, a usual reason from the chips.
    const leaveDay = beijingDate(2)
    for (const id of ['leave-from', 'leave-to']) {
      const input = page.locator(`[data-testid="${id}"] input, input[data-testid="${id}"]`).first()
      await input.fill(leaveDay)
      await input.press('Enter')
    }
    await page.locator('.chip', { hasText: '身体不适' }).click()
    const leavePath = `${API}/children/${child.id}/leave-requests`
    const [filed] = await Promise.all([page.waitForResponse(isApi(leavePath, 'POST')), byTestId(page, 'leave-submit').click()])
    assert.equal(filed.status(), 201)
    assert.deepEqual(filed.request().postDataJSON(), { from_date: leaveDay, to_date: leaveDay, reason: '身体不适' })
    const first = byTestId(page, 'leave-item').first()
    await first.waitFor()
    assert.equal(await textOf(first.getByTestId('leave-dates')), leaveDay)
    assert.match(await textOf(first), /身体不适/)
    await assertNoOverflow(page, PHONE.width, 'leave tab')
    await page.evaluate(() => window.scrollTo(0, 0))
    await parent.shot('ops-leave-phone')

    // 接送码: six digits with today's date and the chosen batch — or, for a guardian who is not a
    // registered pickup person, the school's instruction.
    await byTestId(page, 'service-tab-pickup').click()
    assert.equal(new URL(page.url()).searchParams.get('tab'), 'pickup')
    const [issued] = await Promise.all([page.waitForResponse(isApi(codePath, 'POST')), byTestId(page, 'pickup-code-show').click()])
    if (issued.status() === 200) {
      const answer = await issued.json()
      const shown = await textOf(byTestId(page, 'pickup-code'))
      assert.match(shown, /^\d{3} \d{3}$/)
      assert.equal(shown.replace(' ', ''), answer.code)
      assert.match(await textOf(byTestId(page, 'pickup-code-date')), new RegExp(`^${beijingDate()} `))
      if (weekdayOf(beijingDate()) <= 5) {
        assert.equal(answer.batch_no, 1)
        assert.match(await textOf(byTestId(page, 'pickup-code-batch')), /第1批/)
      }
      fx.code = answer.code
    } else {
      assert.equal(issued.status(), 403)
      assert.equal((await issued.json()).error.code, 'afterschool.not_pickup_person')
      assert.match(await textOf(byTestId(page, 'pickup-not-authorised')), /不是该学生登记的接送人/)
    }
    await assertNoOverflow(page, PHONE.width, 'pickup tab')
    await parent.shot('ops-pickup-code-phone')

    // 收费单: the semester statement; the absent day is not charged.
    const statementPath = `${API}/children/${child.id}/statement`
    const [st] = await Promise.all([page.waitForResponse(isApi(statementPath)), byTestId(page, 'service-tab-fees').click()])
    const statement = await st.json()
    const due = byTestId(page, 'statement-due')
    await due.waitFor()
    assert.match(await textOf(due), new RegExp(`¥ ${(statement.due_fen / 100).toFixed(2).replace('.', '\\.')}`))
    assert.equal(await byTestId(page, 'statement-line').count(), statement.lines.length)
    await assertNoOverflow(page, PHONE.width, 'statement tab')
    await parent.shot('ops-statement-phone')

    // 课程评价: five stars and a comment for the first course; the card then says it is rated.
    await Promise.all([page.waitForResponse(isApi(`${API}/children/${child.id}/offer`)), byTestId(page, 'service-tab-rating').click()])
    const card = byTestId(page, 'rating-course').first()
    await card.waitFor()
    const courseId = await card.getAttribute('data-course')
    await card.locator('.el-rate__item').nth(4).click()
    await card.locator('textarea').fill('孩子很喜欢')
    const [rated] = await Promise.all([
      page.waitForResponse(isApi(`${API}/children/${child.id}/ratings/${courseId}`, 'PUT')),
      card.getByTestId('rating-submit').click(),
    ])
    assert.equal(rated.status(), 201)
    assert.deepEqual(rated.request().postDataJSON(), { score: 5, comment: '孩子很喜欢' })
    await card.getByTestId('rating-done').waitFor()
    await assertNoOverflow(page, PHONE.width, 'rating tab')
    await parent.close('ops-rating-phone')
  })

  test('the duty teacher confirms the pickup with the code; the fee list follows the roll', async (t) => {
    const { child, school } = fx
    const admin = await openPage(browser, DESKTOP, { storageState: as.school })
    const { page } = admin
    if (fx.code && weekdayOf(beijingDate()) <= 5) {
      await Promise.all([page.waitForResponse(isApi(`${API}/schools/${school.id}/pickup`)), page.goto(server.url('/afterschool/pickup'))])
      const row = page.locator(`[data-testid="pickup-row"][data-student="${child.id}"]`)
      await row.waitFor()
      assert.equal(await row.getByTestId('pickup-state').getAttribute('data-state'), 'waiting')
      await row.getByTestId('pickup-confirm').click()
      const dialog = byTestId(page, 'pickup-confirm-dialog')
      await dialog.waitFor()
      await dialog.locator('input').first().click()
      const [confirmed] = await Promise.all([
        page.waitForResponse(isApi(`${API}/schools/${school.id}/pickup/confirm`, 'POST')),
        page.keyboard.type(fx.code),
      ])
      assert.equal(confirmed.status(), 200)
      assert.deepEqual(confirmed.request().postDataJSON(), { student_id: child.id, code: fx.code })
      await row.locator('[data-testid="pickup-state"][data-state="picked"]').waitFor()
      assert.match(await textOf(byTestId(page, 'pickup-progress')), /^1\s*\//)
      await admin.shot('ops-pickup-desktop')
    } else {
      t.diagnostic('no pickup code today (weekend, or the parent is not a pickup person): pickup not confirmed')
    }

    // The fee list: the children present on the roll are charged an hour; the absent child is not.
    const feesPath = `${API}/schools/${school.id}/fees`
    await Promise.all([page.waitForResponse(isApi(feesPath)), page.goto(server.url(`/afterschool/fees?semester=${fx.semester}`))])
    const fees = await api(as.school, 'GET', `${feesPath}?semester=${fx.semester}`)
    // Today's session: every child present gains the same hours, the absent child none.
    const after = courseHours(fees, fx.section.title)
    const gained = (id) => (after.get(id) ?? 0) - (fx.hoursBefore.get(id) ?? 0)
    const gains = new Set(fx.present.map(gained))
    assert.equal(gains.size <= 1, true, `present children gain alike: ${[...gains]}`)
    if (fx.present.length) assert.ok([...gains][0] > 0, 'a present child is charged for today')
    assert.equal(gained(fx.child.id), 0, 'the absent child is not charged for today')
    if (fees.children.length) await byTestId(page, 'fees-table').locator('.el-table__row').first().waitFor()
    else await byTestId(page, 'fees-table').locator('.el-table__empty-text').waitFor()
    const rows = await tableRows(page, 'fees-table')
    assert.equal(rows.length, fees.children.length)
    assert.equal(await textOf(byTestId(page, 'fees-due')), (fees.due_fen / 100).toFixed(2))
    await byTestId(page, 'fees-export').waitFor()
    await admin.close('ops-fees-desktop')
  })

  test('the county opens the statistics: the four rates with their counts, the chart, the table and the workbook', async () => {
    const report = await api(as.county, 'GET', `${API}/reports/participation?semester=${fx.semester}`)
    const county = await openPage(browser, DESKTOP, { storageState: as.county })
    const { page } = county
    await Promise.all([page.waitForResponse(isApi(`${API}/reports/participation`)), page.goto(server.url('/afterschool/stats'))])
    await byTestId(page, 'stats-kpis').waitFor()
    assert.match(await textOf(byTestId(page, 'stats-scope')), new RegExp(report.scope_name))
    for (const m of ['participation', 'teacher_participation', 'coverage', 'fill']) {
      const kpi = byTestId(page, `kpi-${m}`)
      assert.equal(await textOf(kpi.getByTestId('kpi-value')), `${report.total[m].toFixed(1)}%`)
    }
    assert.match(await textOf(byTestId(page, 'kpi-participation').getByTestId('kpi-counts')), new RegExp(`参与学生 ${report.total.served} / 在校学生 ${report.total.students} 人`))
    assert.ok(report.total.students > 0 && report.total.served > 0, 'the demo city has pupils taking part')

    // The chart: an ECharts canvas with room for a bar per row.
    const canvas = byTestId(page, 'stats-chart').locator('canvas')
    await canvas.first().waitFor()
    const box = await canvas.first().boundingBox()
    assert.ok(box && box.width > 400 && box.height >= 200, `chart canvas ${JSON.stringify(box)}`)

    // The table: a row per school of the county, the total under it.
    const rows = await tableRows(page, 'stats-table')
    assert.equal(rows.length, report.rows.length)
    assert.deepEqual(rows.map((r) => r[0]).sort(), report.rows.map((r) => r.name).sort())
    const footer = await page.$$eval('[data-testid="stats-table"] .el-table__footer-wrapper td', (tds) => tds.map((td) => td.innerText.trim()))
    assert.deepEqual(footer.slice(0, 4), ['合计', String(report.total.students), String(report.total.served), report.total.participation.toFixed(1)])
    await page.evaluate(() => window.scrollTo(0, 0))
    await county.shot('ops-stats-desktop')

    // Another rate in the chart; then the workbook.
    await byTestId(page, 'kpi-fill').click()
    assert.equal(await byTestId(page, 'kpi-fill').getAttribute('aria-pressed'), 'true')
    const [download] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'stats-export').click()])
    assert.match(download.suggestedFilename(), /\.xlsx$/)
    const bytes = Buffer.concat(await (await download.createReadStream()).toArray())
    assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'an .xlsx is a zip')
    await county.close()

    // The same page on a phone: the cards two by two, nothing wider than the screen.
    const phone = await openPage(browser, PHONE, { storageState: as.county })
    await Promise.all([phone.page.waitForResponse(isApi(`${API}/reports/participation`)), phone.page.goto(server.url('/afterschool/stats'))])
    await byTestId(phone.page, 'stats-chart').locator('canvas').first().waitFor()
    await assertNoOverflow(phone.page, PHONE.width, 'statistics page')
    await phone.close('ops-stats-phone')
  })
})

// Browser end-to-end test of the homework board (作业公示, RULES R1.3: the school-internal publication of homework)
// against the real kehou binary with the tiny demo city (`kehou seed --scale tiny` seeds today's homework for the
// demo school): demo.school opens /homework/board on a device clock far from Beijing; the date is today in
// Asia/Shanghai, the board lists the school's classes in grade then class order, at least one class has homework,
// every published homework of the day (as the API returns it) is a line, and each class of grade 3+ shows its
// written total against the limit its class-day gives.
// Run from the repository root:
//   (cd web && npm ci && npm run build) && node --test tests/e2e/homework_board.test.mjs
// Env: see harness.mjs.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { DEMO_PASSWORD, byTestId, launchBrowser, openPage, signIn, startServer, stopServer } from './harness.mjs'

const WIDE = { width: 1280, height: 900 }

let server
let browser

/** Today in Beijing, YYYY-MM-DD, whatever the test machine's zone. */
function beijingToday() {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
}

/** A JSON GET with a signed-in storage state. */
async function getJson(state, path) {
  const ctx = await browser.newContext({ storageState: state })
  try {
    const res = await ctx.request.get(server.url(path))
    assert.equal(res.status(), 200, `GET ${path}: ${await res.text()}`)
    return await res.json()
  } finally {
    await ctx.close()
  }
}

/** Every published homework of `date` the signed-in user sees, through the API (all pages). */
async function publishedOn(state, date) {
  const ctx = await browser.newContext({ storageState: state })
  try {
    const items = []
    for (let page = 1; ; page++) {
      const path = `/api/v1/homework/assignments?from=${date}&to=${date}&status=published&page_size=200&page=${page}`
      const res = await ctx.request.get(server.url(path))
      assert.equal(res.status(), 200, `GET ${path}: ${await res.text()}`)
      const body = await res.json()
      items.push(...body.items)
      if (items.length >= body.total || !body.items.length) return items
    }
  } finally {
    await ctx.close()
  }
}

before(async () => {
  server = await startServer([], { seed: 'tiny' })
  browser = await launchBrowser()
})

after(async () => {
  await browser?.close()
  await stopServer(server)
})

test('demo.school sees every class of the school with its homework of today and its written total against the limit', async () => {
  const state = await signIn(browser, server, 'demo.school', DEMO_PASSWORD)
  const today = beijingToday()
  const expected = await publishedOn(state, today)
  assert.ok(expected.length > 0, `the tiny seed has published homework for ${today}`)

  const p = await openPage(browser, WIDE, { storageState: state })
  const { page } = p
  await page.goto(server.url('/homework/board'))
  await byTestId(page, 'hw-board-table').waitFor()

  // Today in Asia/Shanghai, though the browser's clock is in New York.
  assert.equal(await byTestId(page, 'hw-board-date').locator('input').inputValue(), today)

  // Every published homework of the day is one line; at least one class row has homework.
  const classes = byTestId(page, 'hw-board-class')
  const counts = await classes.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))))
  assert.ok(counts.some((n) => n > 0), 'a class row with homework')
  assert.equal(counts.reduce((a, b) => a + b, 0), expected.length, 'every published homework of the day on the board')
  const withHomework = new Set(expected.map((a) => a.class_id))
  const shownIds = await classes.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-class-id'))))
  for (const id of withHomework) assert.ok(shownIds.includes(id), `class ${id} is on the board`)

  // Grade then class order.
  const names = await classes.evaluateAll((els) => els.map((e) => e.textContent.trim()))
  const grades = await page.locator('[data-testid="hw-board-table"] tbody').evaluateAll((els) => els.map((e) => Number(e.dataset.grade)))
  assert.deepEqual(grades, [...grades].sort((a, b) => a - b), 'grades ascending')
  assert.equal(new Set(names).size, names.length, 'one row per class')

  // A class of grade 3+ with written homework shows its written total against its class-day's limit.
  const written = expected.find((a) => a.grade >= 3 && a.counted_minutes > 0)
  assert.ok(written, 'the demo school has written homework of grade 3+ today')
  {
    const sum = expected.filter((a) => a.class_id === written.class_id).reduce((n, a) => n + a.counted_minutes, 0)
    const row = page.locator('tr', { has: page.locator(`[data-testid="hw-board-class"][data-class-id="${written.class_id}"]`) })
    const total = row.locator('[data-testid="hw-board-total"]')
    await page.waitForFunction(
      (id) => {
        const tr = document.querySelector(`[data-testid="hw-board-class"][data-class-id="${id}"]`)?.closest('tr')
        const text = tr?.querySelector('[data-testid="hw-board-total"]')?.textContent ?? ''
        return /\/\s*\d+/.test(text)
      },
      written.class_id,
    )
    const text = (await total.textContent()) ?? ''
    const [, shownTotal, shownLimit] = text.match(/(\d+)\s*\/\s*(\d+)/) ?? []
    assert.equal(Number(shownTotal), sum, `written total of ${written.class_name}`)
    const day = await getJson(state, `/api/v1/homework/class-day?class_id=${written.class_id}&date=${today}`)
    assert.equal(Number(shownLimit), day.limit, `the limit of ${written.class_name}: ${text}`)
    assert.equal(await total.getAttribute('data-over'), Number(shownTotal) > Number(shownLimit) ? 'true' : 'false')
  }

  // The grade filter narrows the board to one grade.
  const firstGrade = grades[0]
  await byTestId(page, 'hw-board-grade').click()
  await page.locator('.el-select-dropdown__item:visible').first().click()
  await page.waitForFunction(
    (g) => [...document.querySelectorAll('[data-testid="hw-board-table"] tbody')].every((e) => Number(e.dataset.grade) === g),
    firstGrade,
  )
  assert.match(page.url(), new RegExp(`grade=${firstGrade}`))
  await p.close('homework-board')
})
